def f():
    y = y + 1
f()
