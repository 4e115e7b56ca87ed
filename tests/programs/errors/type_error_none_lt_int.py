print(1 < 2)
print(None < 1)
