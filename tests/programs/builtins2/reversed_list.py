xs = [1, 2, 3, 4, 5]
for x in reversed(xs):
    print(x)
    if x == 4:
        xs.pop()
        xs.pop()
ys = [1, 2, 3]
r = reversed(ys)
ys.append(4)
print(list(r), list(r))
print(list(reversed([])), sum(reversed([1, 2, 3])), sorted(reversed([3, 1, 2])))
print(repr(reversed([]))[:31], repr(reversed(()))[:19], repr(reversed(range(2)))[:25])
r = reversed([1])
print(r is r, r == r, 3 in reversed([1, 2, 3]), 9 in reversed([1, 2]))
