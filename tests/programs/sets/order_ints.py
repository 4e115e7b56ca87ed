# Table order of int sets: collisions, negatives, big ints, growth past resizes.
print({-1, -2, -3, 0, 1, 2, 3})
m = 2**61
print({m - 1, m, m + 1, -m, 2**63, -(2**63), 2**100})
print({2305843009213693951, 2305843009213693952, -9223372036854775808, 1267650600228229401496703205376, 4})
s = set()
for i in range(0, 1000, 7):
    s.add(i * 31 % 997)
print(s)
t = set()
for i in range(50):
    t.add(i * 8)
    t.add(-i * 16)
print(t)
print(set(range(-20, 20, 3)))
print(set([64, 128, 256, 512, 1024, 8, 16, 32, 1, 2, 4]))
u = set(range(10))
for i in range(10):
    u.remove(i)
    u.add(i + 100)
print(u, len(u))
v = {1, 1.0, True}
print(v)
print({True, 1, 2.0, 2})
print({0.5, 1.5, 2.25, -0.75, 1e-10, 3.0, 1e20})
big = set(range(60000))
print(len(big), 59999 in big, 60000 in big)
items = list(big)
print(items[0], items[1], items[9], items[-5], items[-1])
for k in range(0, 60000, 2):
    big.discard(k)
items = list(big)
print(len(big), items[0], items[1], items[4])
