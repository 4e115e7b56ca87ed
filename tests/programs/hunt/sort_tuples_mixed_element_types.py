print(sorted([(1, "a"), (1, 2)]))
