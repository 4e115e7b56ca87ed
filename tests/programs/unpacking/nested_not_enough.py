for (a, b) in [(1,)]:
    print(a)
