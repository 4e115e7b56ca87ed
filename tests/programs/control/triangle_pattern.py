rows = 4
for i in range(1, rows + 1):
    for s in range(rows - i):
        print(' ', end='')
    for k in range(2 * i - 1):
        print('*', end='')
    print()
