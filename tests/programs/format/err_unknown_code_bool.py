format(True, 's')
