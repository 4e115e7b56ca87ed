format(1, ',,')
