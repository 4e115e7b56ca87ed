for n in range(100, 200):
    r = 0
    m = n
    while m > 0:
        r = r * 10 + m % 10
        m //= 10
    if r == n:
        print(n, end=' ')
print()
