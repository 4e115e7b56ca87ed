i = 0
while i < 5:
    print(i)
    i += 1
print('i =', i)
