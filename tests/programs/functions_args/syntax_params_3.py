print('start')
def f(**k, a): pass
