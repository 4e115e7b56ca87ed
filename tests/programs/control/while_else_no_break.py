n = 3
while n > 0:
    print(n)
    n -= 1
else:
    print('else runs, n =', n)
