def a():
    return b() + 1
def b():
    return c() * 2
def c():
    return 20
print(a())
