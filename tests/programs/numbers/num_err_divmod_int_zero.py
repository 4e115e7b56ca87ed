# ZeroDivisionError from divmod of ints by zero.
print(divmod(1, 1), divmod(-1, 2 ** 64))
print(divmod(1, 0))
