x = 1
def f(x):
    x += 1
    return x
print(f(5), x)
