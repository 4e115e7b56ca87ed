a = 3
b = 7
print(a == b, a != b, a < b, a <= b, a > b, a >= b)
print(a == 3, a <= 3, a >= 3, a < 3, a > 3)
print(-1 < 0, -5 > -6, 0 == -0)
