format('s', ' 5')
