def f(a, a2=2, *, b, c=5, **rest):
    return a, a2, b, c, rest
print(f(1, b=2))
print(f(1, 2, b=3, c=4, d=5))
f(1, 2, 3, b=1)
