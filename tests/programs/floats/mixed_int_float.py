print(1 + 2.5, 2.5 + 1, 3 * 0.5, 0.5 * 3)
print(2 - 0.5, 0.5 - 2, 7 / 2.0, 7.0 / 2)
print(True + 0.5, False * 1.5, 1.5 / True)
print(10 * 0.1, 3 * 0.1)
x = 4
x += 0.5
print(x)
