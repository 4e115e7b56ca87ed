print('before')
del y
