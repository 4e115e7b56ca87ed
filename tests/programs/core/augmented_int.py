x = 10
x += 5
print(x)
x -= 3
print(x)
x *= 4
print(x)
x //= 5
print(x)
x %= 4
print(x)
x **= 10
print(x)
x -= 2000
print(x)
x //= -7
print(x)
x %= -7
print(x)
