print('start')
def f(x, *, y, **z):
    return x, y, z
print(f(1, y=2, w=3))
def f(a, b=lambda c=5: c * 2):
    return b() + a
print(f(1))
