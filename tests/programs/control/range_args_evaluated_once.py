n = 3
for i in range(n):
    n += 10
    print(i, n)
print('n =', n)
