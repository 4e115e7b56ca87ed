print(range(3))
