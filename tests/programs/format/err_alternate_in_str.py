format('s', '#')
