a = set(range(0, 40, 3))
b = set(range(0, 40, 5))
print(a | b)
print(b | a)
print(a & b, b & a)
print(a - b, b - a)
print(a ^ b, b ^ a)
print(a.union(b, range(100, 104)), a.union())
print(a.intersection(b, [0, 30, 15]), a.intersection())
print(a.difference(b, [3, 6]), a.difference())
print(a.difference([0, 3]), a.difference({0: 1, 3: 2}))
print(a.symmetric_difference([1, 2, 3, 3]), a.symmetric_difference({0: 0, 99: 1}))
print(a.issubset(range(100)), a.issuperset([0, 3]), a.isdisjoint([1, 2]), a.isdisjoint(b))
print(a <= a, a < a, a >= b, a > set(), set() < a)
small = {1, 2}
large = set(range(100))
print(small - large, large - small == set(range(3, 100)), small & large, large & small)
c = a.copy()
c.update([100, 200], {300}, (400,))
print(c, a == c, a != c)
c.intersection_update(b, range(10, 40))
print(c)
c.difference_update([15])
print(c)
c.symmetric_difference_update([30, 31])
print(c)
d = {1, 2, 3}
e = d
d |= {4}
print(e, e is d)
d &= {1, 4, 5}
print(e)
d -= {1}
print(e)
d ^= {4, 9}
print(e)
print({1, 2} == [1, 2], {1, 2} != (1, 2))
print(bool(set()), bool({0}), len({1, 2, 2}))
