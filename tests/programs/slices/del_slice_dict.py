x = {}
del x[1:2]
