print('abc' - 'a')
