print('x')
*a = [1, 2]
