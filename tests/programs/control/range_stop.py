for i in range(5):
    print(i, end=' ')
print()
for i in range(1):
    print('one iteration', i)
for i in range(0):
    print('never')
for i in range(-3):
    print('never')
print('done')
