def f():
    if 1:
        pass
    else:
        q = 1
    return q
f()
