print('start')
def f(*a, *b): pass
