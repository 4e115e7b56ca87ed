print(True + 1, True + True, False + False)
print(True * 5, False * 5, -True, +True, -False)
print(True - False, False - True)
print(True // True, 7 % True, True ** 10)
print(10 * (3 > 2), 10 * (3 < 2))
t = True
t += 1
print(t)
True + True + True
