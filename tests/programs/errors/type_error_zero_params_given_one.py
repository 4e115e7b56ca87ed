def h():
    return 0
print(h())
h(5)
