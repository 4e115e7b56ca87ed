def f():
    print("called")
f()
