def combine(a, b, c, d, e):
    return a * 10000 + b * 1000 + c * 100 + d * 10 + e
print(combine(1, 2, 3, 4, 5))
print(combine(9, 8, 7, 6, 5))
