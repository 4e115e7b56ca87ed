print(sorted([1, 2], key=lambda x: 'a' if x == 1 else 2))
