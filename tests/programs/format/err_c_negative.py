format(-1, 'c')
