x = [1]
del x
x = 2
print(x)
def g():
    global x
    del x
g()
print('x' in globals() if False else 'done')
print(x)
