d = {}
it = iter(d)
d[1] = 2
print(next(it))
