for i in range(0, 20, 5):
    print(i, end=' ')
print()
for i in range(1, 10, 3):
    print(i, end=' ')
print()
for i in range(10, 0, -3):
    print(i, end=' ')
print()
for i in range(5, -6, -5):
    print(i, end=' ')
print()
for i in range(0, 10, -1):
    print('never')
for i in range(0, 3, 100):
    print('big step', i)
