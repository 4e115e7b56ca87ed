print('start')
g = lambda a, a: 1
