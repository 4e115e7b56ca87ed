def f():
    global g
    return g
f()
