x = 10
x //= 3
print(x)
x %= 0
