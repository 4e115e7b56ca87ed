format('s', '+')
