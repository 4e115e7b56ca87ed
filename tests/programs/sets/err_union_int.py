s = {1}
s.union(5)
