format(10 ** 5000, 'd')
