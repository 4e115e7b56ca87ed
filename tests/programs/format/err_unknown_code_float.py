print(format(2.5, '.1f'))
format(1.5, 'd')
