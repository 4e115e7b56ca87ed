def f(n):
    if n == 0:
        return 'done'
    return f(n - 1)
g = f
print(g(3))
def f(n):
    return 'new'
print(g(3))
f = 5
print(g(0))
g(2)
