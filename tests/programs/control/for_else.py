for i in range(3):
    print('loop', i)
else:
    print('else, i =', i)
for i in range(0):
    print('never')
else:
    print('else on empty range')
