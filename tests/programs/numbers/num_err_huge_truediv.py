# OverflowError: a true quotient too large for a float.
print(10 ** 400 / 10 ** 100, 10 ** 308 / 1)
print(10 ** 400 / 1)
