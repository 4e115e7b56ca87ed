# ZeroDivisionError from int true division.
print(1 / 1, 0 / 5, 2 ** 100 / 2 ** 99)
print(1 / 0)
