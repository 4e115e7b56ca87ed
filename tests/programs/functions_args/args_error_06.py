def f(a, b): pass
f(b=1)
