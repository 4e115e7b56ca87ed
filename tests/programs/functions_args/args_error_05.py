def f(a, *, k, j): pass
f(1)
