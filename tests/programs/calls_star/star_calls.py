def f(a, b, c=10):
    return a + b + c
xs = [1, 2]
print(f(*xs), f(*xs, 3), f(0, *[5]), f(*(1, 2, 3)))
print(*xs, sep="-"); print(*xs)
print(*'abc', *range(3))
print(max(*[3, 9, 4]), min(*'zay'))
args = (x * 2 for x in range(3))
print(*args)
def g(*a):
    return a
print(g(*[]), g(1, *[2, 3], 4))
m = [[1, 2], [3, 4]]
print(list(zip(*m)))
def rec(n, *rest):
    return rest if n == 0 else rec(n - 1, *rest, n)
print(rec(5))
print(g(*5))
