def f(a):
    return 1
f(1, 2)
