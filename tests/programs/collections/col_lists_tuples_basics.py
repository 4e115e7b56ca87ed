xs = [3, 1, 2]
print(xs, len(xs), xs[0], xs[-1])
xs[1] = 10
print(xs)
t = (1, 'a', 2.5, None, (), (1,), [])
print(t, len(t))
ys = xs
ys[0] = 99
print(xs, xs == ys, xs == [99, 10, 2], [1, 2] < [1, 3], (1, 2) < (1, 2, 0))
print(2 in xs, 10 in xs, 'a' in t)
for x in xs:
    print(x, end=' ')
print()
a = [1, 2] + [3]
print(a, a * 2, [0] * 3, (1,) * 3, () * 5)
nested = [[1, 2], [3, [4, 5]]]
print(nested[1][1][0], nested)
z = 1, 2
print(z)
def f():
    return 1, [2, 3]
print(f())
e = []
print(e, bool(e), bool([0]), len([]))
big = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35]
print(big, len(big))
bt = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35)
print(bt[34], max(bt), min([4, 2, 8]))
