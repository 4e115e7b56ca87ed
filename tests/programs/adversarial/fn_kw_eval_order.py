def p(x):
    print('p', x)
    return x
def f(a, b, c):
    return a * 100 + b * 10 + c
print(f(p(1), c=p(3), b=p(2)))
print(f(c=p(1), b=p(2), a=p(3)))
