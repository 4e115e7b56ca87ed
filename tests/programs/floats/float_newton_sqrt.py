def sqrt(n):
    x = n / 2
    for i in range(20):
        x = (x + n / x) / 2
    return x
print(sqrt(2), sqrt(9), sqrt(10))
print(sqrt(2) * sqrt(2))
