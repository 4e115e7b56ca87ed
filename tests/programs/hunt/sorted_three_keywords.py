print(sorted([3, 1, 2], key=lambda x: x, reverse=True, foo=1))
