l = [3, 1, 2]
def k(x):
    l.append(1)
    return x
l.sort(key=k)
