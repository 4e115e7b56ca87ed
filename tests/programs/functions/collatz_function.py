def steps(n):
    count = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        count += 1
    return count
def collatz_rec(n):
    if n == 1:
        return 0
    if n % 2 == 0:
        return 1 + collatz_rec(n // 2)
    return 1 + collatz_rec(3 * n + 1)
print(steps(27), collatz_rec(27), steps(97))
