if 1:
    x = (3 +
4)
    print(x)
