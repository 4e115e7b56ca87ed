m = [[i * j for j in range(4)] for i in range(3)]
print(m, [row[::-1] for row in m], [c for row in m for c in row if c % 2])
print({i: [j for j in range(i)] for i in range(4)})
print({(i, j) for i in range(3) for j in range(i)})
print([(lambda y: y + 1)(x) for x in range(3)])
fs = [lambda x: x * 2, lambda x: x + 100]
print([f(v) for f in fs for v in (1, 2)])
tr = [[m[r][c] for r in range(3)] for c in range(4)]
print(tr)
print({k: v for k, v in zip("abc", range(3))}, dict(zip("ab", [1, 2])))
words = "the cat sat on the mat the end".split()
freq = {}
for w in words: freq[w] = freq.get(w, 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])))
print({w: len(w) for w in words}, {len(w) for w in words})
print([x for x in range(20) if x % 2 if x % 3], [y for y in "héllo" if y > "f"])
print(sum([x * x for x in range(5)]))
