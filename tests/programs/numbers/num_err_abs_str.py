# TypeError: abs() of a string.
print(abs(-1), abs(-1.5))
print(abs('x'))
