a, b, c = (x * 3 for x in 'xyz')
print(a, b, c)
d, e = (n for n in range(3))
