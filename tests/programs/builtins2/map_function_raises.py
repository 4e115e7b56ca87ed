def sq(x):
    return 1 / x
print(list(map(sq, [1, 0])))
