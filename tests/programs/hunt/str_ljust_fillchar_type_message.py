print("abc".ljust(5, 2))
