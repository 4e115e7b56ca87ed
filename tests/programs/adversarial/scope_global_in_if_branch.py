def f(flag):
    if flag:
        global w
    w = 5
f(0)
print(w)
