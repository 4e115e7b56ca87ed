# ZeroDivisionError from divmod of floats by zero.
print(divmod(1.0, 0.5), divmod(-1.0, float('inf')))
print(divmod(1.0, 0.0))
