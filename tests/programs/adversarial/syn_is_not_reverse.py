x = 1 not is 2
