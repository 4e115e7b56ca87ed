format('a', ',')
