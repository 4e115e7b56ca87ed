def f():
    print('side effect')
f()
