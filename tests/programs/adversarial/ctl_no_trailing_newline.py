x = 3
print(x)
x * 2