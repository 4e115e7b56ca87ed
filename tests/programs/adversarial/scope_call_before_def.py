print("a")
f()
def f():
    pass
