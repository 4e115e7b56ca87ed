print(1, 2.5, True, None, 'str', -3)
print(1 == 1, 0.5 + 0.5, 10 // 3)
x = 'val'
print('x =', x)
print("a\tb", 'c\nd')
