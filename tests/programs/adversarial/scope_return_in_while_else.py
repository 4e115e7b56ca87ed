def f(n):
    while n > 0:
        n -= 1
        if n == 5:
            return "five"
    else:
        return "else"
print(f(10), f(3))
