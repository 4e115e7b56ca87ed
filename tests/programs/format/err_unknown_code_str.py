format('s', 'd')
