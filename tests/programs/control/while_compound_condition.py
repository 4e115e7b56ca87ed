a = 0
b = 10
while a < 5 and b > 6 or a == 0:
    print(a, b)
    a += 1
    b -= 1
print('stop', a, b)
