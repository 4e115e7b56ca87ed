n = 27
steps = 0
peak = n
while n != 1:
    if n % 2 == 0:
        n //= 2
    else:
        n = 3 * n + 1
    if n > peak:
        peak = n
    steps += 1
print('steps', steps, 'peak', peak)
longest = 0
best = 0
for start in range(1, 200):
    n = start
    s = 0
    while n != 1:
        if n % 2:
            n = 3 * n + 1
        else:
            n = n // 2
        s += 1
    if s > longest:
        longest = s
        best = start
print(best, longest)
