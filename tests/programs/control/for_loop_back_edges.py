def gen(n):
    return (i * i for i in range(n))

out = []
for x in [1, 2, 3]:
    out.append(x)
for c in 'héllo':
    out.append(c)
for k in {'a': 1, 'b': 2}:
    out.append(k)
for k, v in {'a': 1, 'b': 2}.items():
    out.append((k, v))
for t in (4, 5):
    out.append(t)
for s in {3, 1, 2}:
    out.append(s)
for g in gen(4):
    out.append(g)
for i in range(10, 0, -3):
    out.append(i)
for i in range(0):
    out.append('never')
else:
    out.append('empty-else')
for i in range(5):
    if i == 3:
        break
else:
    out.append('not reached')
for i in range(5):
    if i % 2:
        continue
    out.append(i)
else:
    out.append('else-after-continue')
for i, (a, b) in enumerate(zip('ab', [7, 8])):
    out.append((i, a, b))
for x in map(abs, [-1, -2]):
    out.append(x)
for x in reversed([1, 2, 3]):
    out.append(x)
print(out)
print([y for x in range(4) for y in range(x) if y % 2 == 0])
print({x: x * x for x in range(5) if x})
print(sum(x for x in range(100) if x % 7 == 3))
total = 0
for i in range(9223372036854775800, 9223372036854775807):
    total += 1
print(total)
for i in range(-9223372036854775806, -9223372036854775808, -1):
    total += 1
print(total)
xs = [1, 2, 3]
for x in xs:
    if x < 10:
        xs.append(x + 10)
print(xs)
d = {1: 1}
for k in d:
    d[k + 1] = 0
