print('start')
g = (x for x in 5)
