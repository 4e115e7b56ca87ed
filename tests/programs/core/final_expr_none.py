x = None
print('start')
x
