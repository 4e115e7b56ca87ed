x = 6
print('x is', x)
x * 7
