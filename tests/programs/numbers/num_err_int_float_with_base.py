# TypeError: int() of a non-string with an explicit base.
print(int(3.0), int('3', 10))
print(int(3.0, 10))
