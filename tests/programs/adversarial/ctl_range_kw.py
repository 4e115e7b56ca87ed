for i in range(stop=3):
    pass
