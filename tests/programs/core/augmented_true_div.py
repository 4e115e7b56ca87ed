x = 7
x /= 2
print(x)
y = 8
y /= 4
print(y)
z = 1
z /= 3
print(z)
z *= 3
print(z)
