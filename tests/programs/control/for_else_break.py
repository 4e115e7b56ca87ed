for i in range(10):
    if i == 3:
        print('found 3')
        break
else:
    print('not found')
for i in range(10):
    if i == 30:
        print('found 30')
        break
else:
    print('30 not found')
