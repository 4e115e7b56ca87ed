print('a' + None)
