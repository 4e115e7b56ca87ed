print(1.5 / 3)
x = 0.0
print(2 / x)
