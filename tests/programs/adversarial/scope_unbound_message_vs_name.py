def f():
    return zz
zz = 3
print(f())
del_me = 1
def g():
    print(yy)
    yy = 0
g()
