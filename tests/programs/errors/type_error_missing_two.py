def f(a, b, c):
    return a
print('x')
f(1)
