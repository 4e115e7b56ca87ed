_x = 1
x_1 = 2
CamelCase = 3
__dunder = 4
a1b2c3 = 5
print(_x, x_1, CamelCase, __dunder, a1b2c3)
_ = 99
print(_)
