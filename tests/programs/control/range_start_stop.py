for i in range(3, 7):
    print(i, end=' ')
print()
for i in range(-3, 2):
    print(i, end=' ')
print()
for i in range(5, 5):
    print('never')
for i in range(5, 2):
    print('never')
print('end')
