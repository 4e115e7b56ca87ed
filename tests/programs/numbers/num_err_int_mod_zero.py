# ZeroDivisionError from int modulo by zero.
print(1 % 1, -7 % 3, 2 ** 100 % 7)
print(1 % 0)
