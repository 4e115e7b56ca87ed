x = 5
print('big' if x > 3 else 'small')
print(1 if 0 else 2 if 0 else 3)
print((1 if 1 else 2) + 10)
print(1 if 1 else 2 + 10)
print(0 or 1 if 0 else 'z')
print(not 0 if 0 else 'w')
y = 'a' if x else 'b'
y
