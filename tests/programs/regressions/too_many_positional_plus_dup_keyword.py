def g(x):
    return x
g(1, 2, x=3)
