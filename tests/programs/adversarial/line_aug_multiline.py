def f():
    x = 1
    x //= (
       0)
f()
