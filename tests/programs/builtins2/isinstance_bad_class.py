print(isinstance(1, (str, float)))
isinstance(1, (5, int))
