print(10 / 5)
print(1 / 0)
