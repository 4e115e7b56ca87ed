def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

def power_mod(base, exp, mod):
    result = 1
    base %= mod
    while exp > 0:
        if exp & 1:
            result = result * base % mod
        exp >>= 1
        base = base * base % mod
    return result

f = fact(120)
print(f, f // fact(60), f % 1000000007, power_mod(3, f, 2**89 - 1) == pow(3, f, 2**89 - 1))
x = 2**300
while x > 10**30:
    x = x // 10**7
print(x, -x, abs(-x), max(x, -x), divmod(x, -x - 1))
def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
print(collatz(2**100 + 1), collatz(3**60))
