g = (x for x in [])
print(str(g)[:26])
