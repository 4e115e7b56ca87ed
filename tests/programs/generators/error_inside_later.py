def inv(x):
    return 1 / x
g = (inv(x) for x in [2, 1, 0])
for v in g:
    print(v)
