xs = [1]
d = {}
e = enumerate(xs)
print(xs is xs, d is d, e is e, e == e, e != e, xs is [1], d is not {}, type(e) is enumerate)
