def f(x, acc=[]):
    if x == 0: return acc
    acc.append(x)
    return f(x - 1)
print(f(5), f(2))
x = [1, 2, 3]
x[1:2] = x[::-1]
print(x)
def f(*args, **kwargs):
    return len(args), sorted(kwargs), kwargs
print(f(1, 2, b=1, a=2, c=3))
def f(a, *args, b=1, **kw):
    args = list(args)
    args.append(b)
    kw["a"] = a
    return args, kw
print(f(0, 1, 2, b=3, c=4))
def f(a, b=2, *, c=3): return a + b + c
print(f(1), f(1, 1), f(1, c=0), f(b=0, a=0, c=0))
def f(**kw): return kw
print(f(a=1, b=2) == f(b=2, a=1), list(f(b=2, a=1)))
y = 5
def f(x=y, z=y * 2): return x, z
y = 100
print(f(), f(1))
def f(a, b=[]):
    b = b + [a]
    return b
print(f(1), f(2), f(3, [0]))
def f(lst=None):
    if lst is None: lst = []
    lst.append(len(lst))
    return lst
print(f(), f(), f([9]))
