k = 2
g = (x * k for x in range(3))
k = 10
print(list(g))
