def f(x):
    return sorted([3, 2, 1], key=f)
f(1)
