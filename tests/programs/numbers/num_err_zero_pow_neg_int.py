# ZeroDivisionError: 0 to a negative int power.
print(0 ** 0, 0 ** 1, 2 ** -1)
print(0 ** -1)
