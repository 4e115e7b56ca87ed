x = range(3)
del x[0]
