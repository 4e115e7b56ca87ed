def double(x):
    return x * 2
def square(x):
    return x * x
g = double
print(g(2))
g = square
print(g(5))
def apply(f, x):
    return f(x)
def twice(f, x):
    return f(f(x))
print(apply(double, 7), twice(square, 3), twice(double, 1))
h = apply
print(h(square, 9))
