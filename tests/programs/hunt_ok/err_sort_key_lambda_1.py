print(sorted(["a", 1], key=lambda x: x))
