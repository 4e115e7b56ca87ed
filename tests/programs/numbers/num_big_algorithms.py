# Iterative and recursive Fibonacci into big-int territory.
def fib(n):
    a = 0
    b = 1
    i = 0
    while i < n:
        t = a + b
        a = b
        b = t
        i += 1
    return a

for n in range(85, 100, 2):
    print('fib', n, fib(n))
print('fib 300', fib(300))
print('ratio', fib(301) / fib(300), fib(1000) / fib(999))
print('mod', fib(500) % 1000000007, fib(500) // fib(499))
print('cassini', fib(201) * fib(199) - fib(200) * fib(200))
print('cassini odd', fib(200) * fib(198) - fib(199) * fib(199))
def digit_sum(n):
    s = 0
    while n > 0:
        s += n % 10
        n //= 10
    return s
def digits(n):
    c = 0
    while n > 0:
        n //= 10
        c += 1
    return c
print('digits of fib 1000', digits(fib(1000)), 'digit sum', digit_sum(fib(1000)))
print('digit sum 2**1000', digit_sum(2 ** 1000), 'digits', digits(2 ** 1000))
# Euclid's gcd (recursive) and Newton's integer square root on big ints.
def gcd(a, b):
    if b == 0:
        return abs(a)
    return gcd(b, a % b)

def isqrt(n):
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x

print('gcd', gcd(2 ** 100, 6 ** 50), gcd(3 ** 100, 6 ** 40), gcd(10 ** 30 + 1, 10 ** 20 + 1))
print('gcd neg', gcd(-(2 ** 80), 12), gcd(2 ** 80, -(3 ** 5) * 2 ** 7), gcd(-12, -18))
print('gcd fib', gcd(832040 * 2 ** 70, 514229 * 2 ** 65))
print('isqrt', isqrt(2 ** 100), isqrt(2 ** 101), isqrt(10 ** 40), isqrt(10 ** 41))
r = isqrt(2 * 10 ** 60)
print('sqrt2 digits', r, r * r <= 2 * 10 ** 60 < (r + 1) * (r + 1))
print('isqrt i64', isqrt(2 ** 63 - 1), isqrt(2 ** 64 - 1), isqrt(2 ** 64), isqrt(2 ** 126))
print('isqrt vs float', isqrt(10 ** 30) == int((10 ** 30) ** 0.5), (10 ** 30) ** 0.5)
def lcm(a, b):
    return a // gcd(a, b) * b
m = 1
for i in range(1, 61):
    m = lcm(m, i)
print('lcm 1..60', m)
