format(10 ** 400, 'f')
