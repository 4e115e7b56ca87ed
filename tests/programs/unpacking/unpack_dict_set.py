k1, k2 = {'a': 1, 'b': 2}
print(k1, k2)
*ks, = {'x': 0}
print(ks)
x, *y = {5}
print(x, y)
