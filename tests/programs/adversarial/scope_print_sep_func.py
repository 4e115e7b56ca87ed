def f():
    pass
print(1, 2, sep=f)
