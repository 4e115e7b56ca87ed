def f():
    a, b, c = 1, 2, 3
    g = (x * 2 for x in range(10))
    found = 6 in g
    rest = list(g)
    return a, b, c, found, rest
print(f())
def deep(n):
    if n == 0:
        return sum(x for x in range(5)) + (4 in (y for y in range(9)))
    return deep(n - 1) + n
print(deep(300))
total = 0
for i in range(200):
    total += sorted([3, 1, 2], key=lambda v: -v)[0] + max((k for k in range(i + 1)), default=0)
print(total)
