x = 1 / 3
print(x)
x * 3
