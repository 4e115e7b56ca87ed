format(1, 'abc')
