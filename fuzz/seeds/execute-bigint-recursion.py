def gcd(a, b):
    if b == 0:
        return abs(a)
    return gcd(b, a % b)

def isqrt(n):
    if n < 2:
        return n
    x = n
    y = (x + n // x) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x

n = 10**60 + 7**50
print(gcd(2**200 - 1, 3**150 - 1), isqrt(n), isqrt(n) ** 2 <= n < (isqrt(n) + 1) ** 2)
print(int('1' + '0' * 50), -2**333 // 3**99, 2**333 % -3**99)
