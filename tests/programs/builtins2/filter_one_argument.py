print(filter(None))
