def f():
    global a
    global a, b
    a = 1
    b = 2
f()
print(a, b)
