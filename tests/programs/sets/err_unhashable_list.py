s = {1}
s.add([1])
