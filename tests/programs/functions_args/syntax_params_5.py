print('start')
def f(a, a): pass
