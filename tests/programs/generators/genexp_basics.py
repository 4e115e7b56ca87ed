xs = [3, 1, 4, 1, 5, 9, 2, 6]
print(sum(x * x for x in xs))
print(max(len(w) for w in ['a', 'abc', 'ab']))
print(', '.join(str(x) for x in xs if x > 2))
print(any(x > 8 for x in xs), all(x > 0 for x in xs))
g = (x + 1 for x in range(3))
print(list(g), list(g))
def f(items, k):
    return sum(v * k for v in items), sorted(v % k for v in items), min((v for v in items), key=lambda v: -v)
print(f(xs, 3))
def noisy(x):
    print('check', x)
    return x > 2
print(any(noisy(x) for x in [1, 5, 7]))
print(tuple(i * j for i in range(3) for j in range(i)))
print(dict((k, len(k)) for k in ['aa', 'b']))
print(set(x % 3 for x in xs))
for i, v in enumerate(x * 2 for x in 'ab'):
    print(i, v)
print(list(zip((x for x in range(5)), 'abc')))
gen = (y for y in [1, 2])
print(type(gen) if False else 'gen', sum(gen))
nested = [sum(j for j in range(i)) for i in range(5)]
print(nested)
print(sum(x for x in range(10**6)))
