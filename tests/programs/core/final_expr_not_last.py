x = 40
x + 2
print('done')
y = 1
