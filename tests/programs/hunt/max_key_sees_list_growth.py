l = [1, 2, 3]
def k(x):
    if len(l) < 6: l.append(x + 10)
    return x
print(max(l, key=k), l)
