def f():
    del y
f()
