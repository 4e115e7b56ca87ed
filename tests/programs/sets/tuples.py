print({(1, 2), (2, 1), (0, 0), (-1, -1), ((1, 2), 3), (), (1,)})
pairs = set()
for i in range(6):
    for j in range(6):
        pairs.add((i, j))
print(pairs)
print({(1.5, True), (False, 2), (None,)} == {(None,), (1.5, 1), (0, 2.0)})
deep = (1,)
for _ in range(5):
    deep = (deep, 2)
print({deep, (3, 4)})
