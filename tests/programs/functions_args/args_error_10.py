def f(*a): pass
f(x=1)
