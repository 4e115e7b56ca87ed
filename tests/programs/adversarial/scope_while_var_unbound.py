def f():
    n = 0
    while n < 0:
        m = n
        n += 1
    return m
f()
