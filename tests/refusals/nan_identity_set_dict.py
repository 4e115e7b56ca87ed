n = float("nan")
s = {n, n}
d = {n: 1}
print(len(s), n in s, n in d, d.get(n))
