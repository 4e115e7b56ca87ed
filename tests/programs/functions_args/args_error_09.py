def f(**kw): pass
f(1)
