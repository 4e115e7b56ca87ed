print(list(map(len, 5)))
