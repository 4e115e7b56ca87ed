def f():
    g = lambda x: x + 1
    return f, g(1)
print(f()[1])
def h(n):
    k = sorted([3, 1], key=lambda v: v)
    return k if n == 0 else h(n - 1)
print(h(3))
