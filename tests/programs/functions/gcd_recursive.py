def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)
print(gcd(1071, 462), gcd(17, 5), gcd(0, 9), gcd(100, 75))
def lcm(a, b):
    return a // gcd(a, b) * b
print(lcm(4, 6), lcm(21, 6))
