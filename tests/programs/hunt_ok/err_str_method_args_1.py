print("abc".split(1))
