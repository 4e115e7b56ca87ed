def f():
    return 1
print(f())
def f():
    return 2
print(f())
g = f
def f():
    return 3
print(f(), g())
