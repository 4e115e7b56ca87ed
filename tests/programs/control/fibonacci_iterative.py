a = 0
b = 1
for i in range(90):
    t = a + b
    a = b
    b = t
print(a)
a = 0
b = 1
while a < 1000:
    print(a, end=' ')
    t = b
    b = a + b
    a = t
print()
