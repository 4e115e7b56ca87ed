def g(a):
    return a
g(1, 2)
