for a in range(-7, 8, 3):
    for b in range(-3, 4, 6):
        print(a, b, a // b, a % b)
print(7 // 2.0, -7 // 2.0, 7 % -2.0, -7 % 2.0)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2)
print(-0.0 % 5, 0.0 % -5, 5 % -0.5)
print(1e300 // 1e-10 if False else 3.0 // 0.1)
print(-1 % 1e100)
print(1 % -1e100)
print(-9 // 1, 9 // -1)
print((-2)**63 // 1, (-2)**63 % 7, (-2)**63 // 7)
