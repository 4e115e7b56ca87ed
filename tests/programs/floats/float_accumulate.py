x = 0.0
for i in range(10):
    x += 0.1
print(x)
print(x == 1.0)
y = 1.0
for i in range(10):
    y -= 0.1
print(y)
