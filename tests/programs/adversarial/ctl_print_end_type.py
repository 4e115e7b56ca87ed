print(1, end=b if False else 4)
