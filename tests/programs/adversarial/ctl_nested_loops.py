for i in range(4):
    for j in range(4):
        if j > i:
            break
        if (i + j) % 2:
            continue
        print(i, j, end='; ')
    else:
        print('inner done', i)
print()
i = 0
while i < 3:
    j = 0
    while True:
        j += 1
        if j >= i:
            break
    else:
        print('never')
    print(i, j)
    i += 1
else:
    print('outer else')
