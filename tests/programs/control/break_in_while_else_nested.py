i = 0
while i < 3:
    j = 0
    while j < 3:
        if i + j == 3:
            break
        j += 1
    else:
        print('inner completed for', i)
    i += 1
else:
    print('outer completed, i =', i)
