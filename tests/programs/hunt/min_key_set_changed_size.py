s = {1, 2}
def k(x):
    s.add(x + 10)
    return x
print(min(s, key=k))
