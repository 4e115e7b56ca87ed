print(pow(None, 2, 5))
