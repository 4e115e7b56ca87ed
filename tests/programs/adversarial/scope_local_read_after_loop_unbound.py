def f():
    for j in range(0):
        k = j
    return k
f()
