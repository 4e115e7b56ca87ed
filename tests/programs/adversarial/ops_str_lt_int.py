print('a' < 1)
