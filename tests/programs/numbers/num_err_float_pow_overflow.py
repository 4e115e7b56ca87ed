# OverflowError from a float power that is too large.
print(10.0 ** 308, 10 ** 400 > 0)
print(10.0 ** 400)
