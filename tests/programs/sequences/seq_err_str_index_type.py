print('abc'['1'])
