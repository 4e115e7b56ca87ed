def modify(a, b):
    a = a * 10
    b = None
    return a
a = 3
b = 4
print(modify(a, b), a, b)
