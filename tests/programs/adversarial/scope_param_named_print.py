def f(print):
    return print * 2
print(f(4))
