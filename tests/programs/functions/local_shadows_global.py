x = 'global'
def f():
    x = 'local'
    return x
print(f(), x)
def g(x):
    x = x + 1
    return x
y = 5
print(g(y), y)
