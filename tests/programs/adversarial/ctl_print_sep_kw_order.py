print(1, end='!', sep='+')
print(2, 3, end='', sep='')
