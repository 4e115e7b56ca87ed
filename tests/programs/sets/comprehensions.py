x = "outer"
squares = {x: x * x for x in range(6)}
print(squares, x)
print({k: v for k, v in [("a", 1), ("b", 2), ("a", 3)]})
print({(i, j): i * j for i in range(3) for j in range(3) if i != j})
print({x % 7 for x in range(50) if x % 2})
print({c for c in "mississippi"} == set("mississippi"))
print(sorted({c for c in "mississippi"}))
nested = {i: {j for j in range(i)} for i in range(4)}
print(nested)
print({v: k for k, v in squares.items()})
def f(n):
    return {i: [j for j in range(i)] for i in range(n)}
print(f(4))
print({i * j for i in range(1, 6) for j in range(1, 6)})
print([s for s in ({1, 2}, {3})])
