d = {1: 1, 2: 2}
def k(x):
    d[x + 10] = 0
    return x
print(max(d, key=k))
