x = 1
x /= 4
print(x)
x *= 2
print(x)
x += 1
print(x)
x -= 0.25
print(x)
x /= 0.5
print(x)
