def make(xs):
    return (x for x in xs)
g = make([1, 2, 3])
print(sum(g), sum(g))
