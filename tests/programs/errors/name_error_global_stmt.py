def f():
    global never_set
    return never_set
print('start')
f()
