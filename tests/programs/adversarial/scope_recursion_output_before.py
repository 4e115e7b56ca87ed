def f(n):
    if n % 200 == 0:
        print(n)
    f(n + 1)
f(1)
