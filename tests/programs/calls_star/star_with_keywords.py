def f(a, *, k=1):
    return a, k
print(f(*[1], k=2), f(*[3]))
print(sorted(*[[3, 1, 2]], reverse=True), dict(*[[(1, 2)]], x=3))
print(f(*[1, 2]))
