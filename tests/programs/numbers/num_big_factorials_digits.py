# Factorials grow far past 64 bits; check them and values derived from them.
def fact(n):
    r = 1
    i = 2
    while i <= n:
        r = r * i
        i += 1
    return r

for n in range(0, 41, 5):
    print('fact', n, fact(n))
print('fact 20 fits', fact(20), fact(20) < 2 ** 63)
print('fact 21 big', fact(21), fact(21) > 2 ** 63)
print('fact 25', fact(25), -fact(25))
print('fact 50', fact(50))
print('fact 100', fact(100))
print('100!/98!', fact(100) // fact(98), fact(100) % fact(98))
print('30!/(15!*15!)', fact(30) // (fact(15) * fact(15)))
print('50! mod 1000000007', fact(50) % 1000000007)
print('50! minus 49!', fact(50) - fact(49), fact(49) - fact(50))
print('neg mixed', -fact(30) + fact(29), fact(30) * -fact(10), -fact(30) * -3)
print('abs', abs(-fact(40)), abs(fact(40)) == fact(40))
print('eq', fact(30) == fact(30), fact(30) != fact(30) + 1, fact(30) == 30 * fact(29))
z = 0
n = fact(100)
while n % 10 == 0:
    n = n // 10
    z += 1
print('trailing zeros of 100!', z)
# Printing ints right at CPython's 4300-digit conversion limit is allowed.
x = 10 ** 4299
print(x)
print(-(10 ** 4299) + 1)
y = int('7' * 4300)
print(y % 10 ** 12, y // 10 ** 4290)
print(2 ** 14000 % 1000000007)
print((2 ** 14000) // (2 ** 13990))
