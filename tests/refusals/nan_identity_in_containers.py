n = float("nan")
print(n in [n], [n] == [n], (n,) == (n,), [n].count(n), [n].index(n))
