print(sorted([1, 2], key=lambda x: None))
