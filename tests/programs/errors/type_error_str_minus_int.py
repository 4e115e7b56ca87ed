print('a' - 1)
