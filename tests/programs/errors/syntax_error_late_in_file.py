print('never printed, the whole file is compiled first')
def f():
    return 1
x = f()
print(x +* 2)
