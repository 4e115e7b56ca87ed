print((10 + 20) * 3 / 2)
print(1 / 0)
