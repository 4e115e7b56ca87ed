d = {1: 1, 2: 2}
for k in reversed(d):
    print(k)
    d[k + 10] = 0
