print('go')
print(7.5 // 0)
