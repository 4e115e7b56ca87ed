print(map(int))
