count = 0
for n in range(2, 100):
    d = 2
    is_prime = True
    while d * d <= n:
        if n % d == 0:
            is_prime = False
            break
        d += 1
    if is_prime:
        print(n, end=' ')
        count += 1
print()
print('count', count)
