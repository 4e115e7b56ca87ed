format(255, '.2x')
