a = b = c = 5
print(a, b, c)
a = b = a + 1
print(a, b, c)
x = y = 'q'
x += 'r'
print(x, y)
