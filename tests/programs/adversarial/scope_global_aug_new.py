def f():
    global nn
    nn += 1
f()
