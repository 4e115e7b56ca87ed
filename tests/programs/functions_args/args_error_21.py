x = [1, 2]
x.sort(foo=1)
