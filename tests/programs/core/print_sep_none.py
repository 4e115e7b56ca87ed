print(1, 2, sep=None)
print(3, 4, end=None)
print(5, 6, sep=None, end=None)
