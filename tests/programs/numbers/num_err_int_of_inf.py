# OverflowError: int() of infinity.
print(int(1e308) > 0, int(-1e308) < 0)
print(int(float('inf')))
