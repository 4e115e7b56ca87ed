# OverflowError converting an int beyond the float range.
print(float(10 ** 308), float(2 ** 1024 - 2 ** 970 - 1))
print(float(10 ** 400))
