a = [1, 2, 3, 4, 5]
b = {1: 'x', 2: 'y'}
del a[0], b[1], a[-1]
print(a, b)
c = 1
d = 2
del c, d
print('ok')
print(c)
