format(1, '\x01')
