for i in range(1, 2, 3, 4):
    pass
