s = {1}
print(len({(1, 2)}))
s.add((1, [2]))
