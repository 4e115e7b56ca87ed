format(2 ** 65, 'c')
