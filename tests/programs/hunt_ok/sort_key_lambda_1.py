l = [(1, "a"), (0, "b"), (1, "c"), (0, "d"), (1, "e")]
print(sorted(l, key=lambda t: t[0], reverse=True))
print(sorted(l, key=lambda t: t[0]))
l.sort(key=lambda t: t[0], reverse=True); print(l)
print(max(l, key=lambda t: t[0]), min(l, key=lambda t: t[0]))
print(max([1, 1.0, True], key=lambda x: 0), min([2, 2.0], key=lambda x: 1))
print(sorted([3, "a"], key=lambda x: 0))
print(sorted([1], key=lambda x: None), sorted([], key=lambda x: 1/0))
print(min([1, 2], key=lambda x: [x, "a"] if x == 1 else [x, 2]))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact(30))
fib = lambda n: n if n < 2 else fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(15)])
f = lambda x, y=[]: (y.append(x), y)[1]
print(f(1), f(2), f(3, []))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}
print({k: f(7, 2) for k, f in ops.items()}, ops["/"](1, 3))
print(sorted(ops, key=lambda k: ops[k](3, 4)))
f = lambda x: x
print(f(x=3), (lambda *a: a)(), (lambda **k: k)(a=1), (lambda a, *, b: (a, b))(1, b=2))
k = lambda a, b=1, *c, d, e=5, **f: (a, b, c, d, e, f)
print(k(0, d=4), k(1, 2, 3, d=4, z=6))
l = [3, 1, 2]
l.sort(key=lambda x: -x)
print(l, l.sort(), l)
l = ["b", "A", "c", "B"]
l.sort(key=lambda s: s.lower(), reverse=True)
print(l)
print(sorted(l, key=lambda s: (s.lower(), s)))
