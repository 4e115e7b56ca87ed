print(iter(5))
