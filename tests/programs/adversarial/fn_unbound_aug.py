counter = 0
def f():
    counter += 1
f()
