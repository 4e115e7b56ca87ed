s = set()
s.pop(1)
