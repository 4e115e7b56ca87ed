print('start')
def f(*, **k): pass
