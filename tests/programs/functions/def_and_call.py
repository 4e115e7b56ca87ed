def add(a, b):
    return a + b
print(add(2, 3))
print(add(-1, 1), add(add(1, 2), add(3, 4)))
