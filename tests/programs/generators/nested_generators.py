print(sum(sum(y for y in range(x)) for x in range(6)))
print(list((i, j) for i in range(3) for j in range(i) if (i + j) % 2))
print(max(min(r) for r in [[3, 4], [1, 9], [7, 8]]))
