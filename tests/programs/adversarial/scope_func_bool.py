def f():
    pass
print(not f, f and 1, bool_ if False else (f or 2) is f)
