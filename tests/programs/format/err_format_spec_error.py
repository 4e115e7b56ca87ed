'{:d}'.format('x')
