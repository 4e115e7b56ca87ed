format('s', '=5')
