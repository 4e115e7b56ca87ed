def f():
    print(1)
    print = 3
f()
