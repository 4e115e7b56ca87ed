def f(a, b):
    return a
f(1,
  f(2,
    3, 4))
