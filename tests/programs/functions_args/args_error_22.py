x = [3, 1]
x.sort(key=lambda v: x.append(v))
