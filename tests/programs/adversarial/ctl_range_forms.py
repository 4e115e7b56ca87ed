for i in range(10, 0, -3):
    print(i, end=' ')
print()
for i in range(0, 10, -1):
    print('never')
for i in range(5, 5):
    print('never')
for i in range(-5):
    print('never')
for i in range(-1, -10, -4):
    print(i, end=' ')
print()
for i in range(True, 3):
    print(i, end=' ')
print()
for i in range(9223372036854775805, 9223372036854775807):
    print(i)
for i in range(-9223372036854775807, -9223372036854775806 + 1, 1):
    print(i)
for i in range(0, 9223372036854775807, 4611686018427387904):
    print(i)
