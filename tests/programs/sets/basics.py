s = {1, 9, 17}
print(s)
a = {3, 1, 2}
print(a, set(), len(a), 2 in a, 5 in a)
t = set()
for i in [1, 9, 17, 25, 33, -1, -2, 2**61, 2**64, 10**20, -10**30]:
    t.add(i)
print(t)
t.remove(9); t.discard(17); t.add(41); t.add(9)
print(t)
u = set(range(100))
print(u)
for i in range(0, 100, 3):
    u.discard(i)
print(u)
print({(1, 2), (3, 4), (1, 2.5), (True, None, 3.0)} - {(True, None, 3.0)})
print({1.5, 2.5, 0.1, -0.1, 1e300, float('inf')})
x = {5, 13, 21, 29, 37, 45}
y = {13, 29, 100, 7}
print(x | y, x & y, x - y, y - x, x ^ y, y ^ x)
print(x.union(y, [1, 2]), x.intersection(y), x.difference(y), x.symmetric_difference(y))
print(x <= y, x < x | y, x >= x, x > y, x == set(x), x != y)
print(sorted(x), sum(x), min(x), max(x), list(x))
print({k: v for k, v in zip("abc", range(3))}, {i * i for i in range(-5, 6) if i != 0})
z = {i for i in range(20)}
while z:
    print(z.pop(), end=" ")
print()
w = {100, 200, 300}
w |= {1, 2}
print(w)
w &= {1, 100, 2, 9}
print(w)
w -= {1}
print(w)
w ^= {7, 100}
print(w)
print({1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 33, 65})
for q in {8, 16, 24, 32, 1}:
    print(q, end=" ")
print()
print(3 in {8, 16, 24, 32, 1, 3})
