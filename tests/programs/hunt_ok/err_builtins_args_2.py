def f(a, b, c=1): pass
f(1, 2, 3, 4)
