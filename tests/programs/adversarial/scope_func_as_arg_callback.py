def apply(fn, a, b):
    return fn(a, b)
def add(x, y):
    return x + y
def mul(x, y):
    return x * y
print(apply(add, 2, 3), apply(mul, 2, 3), apply(fn=add, b="b", a="a"))
