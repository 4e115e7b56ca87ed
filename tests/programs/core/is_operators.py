x = None
print(x is None, x is not None)
y = 5
print(y is None, y is not None)
t = True
print(t is True, t is False, t is not False)
print(None is None, True is not True, False is False)
z = 3 > 2
print(z is True)
