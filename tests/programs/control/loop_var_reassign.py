for i in range(4):
    print(i)
    i = 100
print('last i:', i)
