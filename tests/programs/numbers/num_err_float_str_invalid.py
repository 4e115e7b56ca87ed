# ValueError: float() of a string that is not a number.
print(float('1'), float(' inf '))
print(float('x'))
