a = b = c = 7
print(a, b, c)
a = 1
print(a, b, c)
x = y = None
print(x, y)
p = q = 'shared'
print(p, q, p == q)
