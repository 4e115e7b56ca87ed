def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True
primes = 0
for i in range(50):
    if is_prime(i):
        primes += 1
print(primes)
print(is_prime(97), is_prime(91))
