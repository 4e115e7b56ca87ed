def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
for i in range(0, 21, 4):
    print(i, fact(i))
fact(20)
