x = None
print(x is None, x is not None, None is None, True is not False)
y = 1 == 1
print(y is True, (1 < 0) is False, (not 1) is False)
def f():
    pass
print(f() is None, f is not None)
z = True and 5
print(z is True)
