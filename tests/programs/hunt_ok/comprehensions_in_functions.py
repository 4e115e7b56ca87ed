def f():
    return [k + v for k, v in {"a": "b"}.items()] + [y for y in range(2) if y]
print(f())
def g(n):
    return {i: {j for j in range(i)} for i in range(n)}
print(g(4))
