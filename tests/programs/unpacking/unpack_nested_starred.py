first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = 'abc'
print(init, last)
a, *mid, z = range(5)
print(a, mid, z)
x, *y = (1,)
print(x, y)
(p, q), r = (1, 2), 3
print(p, q, r)
[m, (n, o)] = [1, [2, 3]]
print(m, n, o)
pairs = [('a', 1), ('b', 2)]
for i, (name, val) in enumerate(pairs):
    print(i, name, val)
for (k, v), w in zip(pairs, 'xy'):
    print(k, v, w)
for head, *tail in [[1, 2, 3], [4]]:
    print(head, tail)
print([(i, k) for i, (k, _) in enumerate(pairs)])
print({k: (i, j) for k, (i, j) in [('x', (1, 2))]})
print([t for _, *t in [(1, 2, 3), (4, 5, 6)]])
lst = [0, 0, 0]
lst[0], lst[2] = 'L', 'R'
print(lst)
d = {}
d['a'], (d['b'], d['c']) = 1, (2, 3)
print(d)
def f():
    a, (b, *c) = 1, (2, 3, 4)
    return a, b, c
print(f())
s = [1, 2, 3, 4, 5]
s[1:3], s[0] = [9, 9, 9], 'z'
print(s)
gen = (i * i for i in range(4))
h, *t = gen
print(h, t)
