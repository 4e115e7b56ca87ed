print([1, 2, 3].index(2))
[1, 2, 3].index(4)
