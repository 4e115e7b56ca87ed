if 1:
    print("last")