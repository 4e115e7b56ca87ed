print('b' == 2)
print('b' >= 2)
