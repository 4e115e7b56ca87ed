# ValueError: int() of a string that is not a number.
print(int('12'), int(' 0 '))
print(int('abc'))
