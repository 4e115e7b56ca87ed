def f():
    return 1
g = f
f = 5
print(g(), f)
f()
