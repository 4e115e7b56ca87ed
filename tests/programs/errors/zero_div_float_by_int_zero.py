print('go')
print(2.5 / 0)
