x = [1, 2]
x.sort(1)
