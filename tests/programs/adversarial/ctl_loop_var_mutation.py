for i in range(5):
    print(i, end=' ')
    i = 100
print(i)
n = 3
for k in range(n):
    n = 0
    print(k, end=' ')
print(n)
