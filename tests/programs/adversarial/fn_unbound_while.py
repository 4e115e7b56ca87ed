def f():
    while False:
        z = 1
    else:
        print("else")
    print(z)
f()
