for i in range(3):
    for j in range(3):
        if i == j == 1:
            print('break inner at', i, j)
            break
    else:
        print('inner else for i =', i)
        continue
    print('after inner break, i =', i)
else:
    print('outer else')
