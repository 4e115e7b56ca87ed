a = list(range(10))
a[2:5] = []
print(a)
a[:0] = [-1, -2]
print(a)
a[len(a):] = 'xy'
print(a)
a[::-1] = list(range(len(a)))
print(a)
a[1::3] = (7, 7, 7, 7)
print(a)
a[-2:] = {'k': 1, 'j': 2}
print(a)
del a[::-2]
print(a)
del a[:]
print(a)
