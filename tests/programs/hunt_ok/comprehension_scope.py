x = 5
print([x for x in range(3)], x)
print({x: 1 for x in "ab"}, x)
print([[x, y] for x in range(2) for y in range(x, 3)])
print([i for i in [[1,2],[3]] for i in i])
