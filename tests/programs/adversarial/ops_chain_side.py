def f(x):
    print('f', x)
    return x
print(f(1) < f(2) < f(3))
print(f(3) < f(2) < f(1))
print(f(1) == f(1) == f(2) == f(3))
print(f(0) and f(1))
print(f(2) or f(3))
print(f(0) or f(0) or f(5))
print(f(1) and f(2) and f(0) and f(9))
r = f(1) if f(0) else f(2)
print(r)
print(f(5) > f(4) > f(3) is not None)
