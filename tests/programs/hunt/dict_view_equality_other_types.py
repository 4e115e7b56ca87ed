d = {1: 2}
print(d.keys() == [1], d.items() != 5, d.values() == [2], d.keys() != (1,))
