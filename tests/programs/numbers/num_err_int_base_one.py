# ValueError: int() base out of range.
print(int('12', 2 + 1), int('12', 36))
print(int('12', 1))
