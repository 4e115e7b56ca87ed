def f():
    global i
    for i in range(4):
        pass
f()
print(i)
