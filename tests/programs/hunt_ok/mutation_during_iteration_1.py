l = [3, 1, 2]
def k(x):
    l.clear()
    return x
print(sorted(l, key=k), l)
l = [1, 2, 3]
out = [x + l.pop() for x in l]
print(out, l)
l = [1, 2, 3]
print({x: l.append(x) for x in l if len(l) < 6}, l)
l = [1, 2, 3]
for i, x in enumerate(l):
    if i < 3: l.append(x)
print(l)
l = [1, 2, 3]
for a, b in zip(l, l):
    if len(l) < 6: l.append(a)
print(l)
