d = {"a": 1, "b": 2}
print(d.keys() & {"a"}, d.keys() - {"a"})
