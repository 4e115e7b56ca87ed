def f(n):
    for i in range(n):
        pass
    return i
print(f(3))
f(0)
