print('never')
y = (1 + 2
print(y)
