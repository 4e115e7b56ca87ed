# ZeroDivisionError from float divided by int zero.
print(1.0 / 1, 1.0 / -0.5, 0.0 / 1)
x = 0
print(1.0 / x)
