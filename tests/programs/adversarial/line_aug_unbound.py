c = 0
def f():
    c += 1
f()
