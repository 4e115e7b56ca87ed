def p(x):
    print('p', x)
    return x
def f(a):
    return a
f(p(1), p(2))
