d = {1: 2}
it = iter(d)
d[3] = 4
print(next(it))
