# ZeroDivisionError: 0.0 to a negative power.
print(0.0 ** 0, 0.0 ** 1, 2.0 ** -1)
print(0.0 ** -1)
