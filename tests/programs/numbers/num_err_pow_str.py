# TypeError: int ** str.
print(2 ** 3, 2.0 ** 3)
print(2 ** 'x')
