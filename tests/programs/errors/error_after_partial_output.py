total = 0
for i in range(1, 6):
    total += i
    print('total', total, end=' ')
    if total > 8:
        print(total // (i - 4))
