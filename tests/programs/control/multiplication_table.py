for i in range(1, 10):
    for j in range(1, i + 1):
        print(i * j, end=' ')
    print()
