a, b = 1, 2
a, b = b, a
print(a, b)
[x, y, z] = 'abc'
print(x, y, z)
q, r = divmod(17, 5)
print(q, r)
pairs = [(1, 'one'), (2, 'two'), (3, 'three')]
for n, word in pairs:
    print(n, word)
for (i, j) in [[1, 2], [3, 4]]:
    print(i + j)
for k, v, in [(5, 6)]:
    print(k * v)
def swap(p):
    first, second = p
    return second, first
print(swap((1, 2)), swap('xy'))
lo, hi = range(2)
print(lo, hi)
total = 0
for a, b in [(1, 2), (3, 4)]:
    total += a * b
print(total, a, b)
m, n = [10, 20]
print(m + n)
a, b = 1, 2, 3
