print('go')
print(7 % 0.0)
