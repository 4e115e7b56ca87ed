def f(*, a=1): return a
print(f(), f(a=2))
f(b=1)
