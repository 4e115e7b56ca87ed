def f():
    return 1
def g():
    return 1
h = f
print(h == f, f == g, h != g)
print(f() == g())
