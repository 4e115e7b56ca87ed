def f(n):
    total = 0
    for i in range(n):
        v = i * 2
        total += v
        del v
    return total
print(f(5))
x = 3
while x:
    y = x
    del y
    x -= 1
print(x)
print(y)
