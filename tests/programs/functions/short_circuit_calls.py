def t(name):
    print('t', name)
    return True
def f(name):
    print('f', name)
    return False
print(f(1) and t(2))
print(t(3) or f(4))
print(f(5) or t(6) and f(7))
print(not f(8))
