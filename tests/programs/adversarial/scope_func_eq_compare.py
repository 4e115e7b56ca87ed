def f():
    pass
def g():
    pass
print(f == f, f != g, f is g)
print(f < g)
