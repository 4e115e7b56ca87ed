for i in range(4):
    for j in range(4):
        if j > i:
            break
        print(i * 10 + j, end=' ')
    print('| row', i)
