print(sorted([1, 2], key=lambda: 1))
