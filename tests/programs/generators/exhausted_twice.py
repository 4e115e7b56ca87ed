g = (c.upper() for c in 'abc')
for c in g:
    print(c)
print(list(g), sum(1 for _ in g))
