print('never')
x = y = z = 1
print(f'{lambda x: 1}')
