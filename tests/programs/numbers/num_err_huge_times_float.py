# OverflowError: a huge int mixed with a float.
print(2 ** 1023 * 1.0, (2 ** 1024 - 2 ** 970 - 1) * 1.0)
print(2 ** 1024 * 1.0)
