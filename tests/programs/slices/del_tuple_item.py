t = (1, 2)
print(t)
del t[0]
