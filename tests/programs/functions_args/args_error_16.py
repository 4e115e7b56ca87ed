def k(x):
    return 1 / 0
print(sorted([1, 2], key=k))
