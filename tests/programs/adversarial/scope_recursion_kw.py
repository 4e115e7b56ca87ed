def f(n, acc):
    if n == 0:
        return acc
    return f(acc=acc + n, n=n - 1)
print(f(100, 0))
