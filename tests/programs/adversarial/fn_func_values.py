def f(x):
    return x * 2
g = f
print(g(3), g is f, f == g)
def h(fn, v):
    return fn(v)
print(h(f, 5))
