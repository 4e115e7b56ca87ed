for a in range(-3, 4):
    print(a, a // 2, a % 2, a // -2, a % -2)
