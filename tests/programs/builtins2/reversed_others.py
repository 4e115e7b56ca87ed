print(list(reversed((1, 2, 3))), list(reversed("héllo wörld")), "".join(reversed("abc")))
print(list(reversed(range(10))), list(reversed(range(1, 20, 7))), list(reversed(range(5, -5, -3))), list(reversed(range(0))))
print(list(reversed(range(-2**63, 2**63 - 1, 2**62))))
d = {"a": 1, "b": 2, "c": 3}
print(list(reversed(d)), list(reversed(d.keys())), list(reversed(d.values())), list(reversed(d.items())))
del d["b"]
print(list(reversed(d)))
for i, x in enumerate(reversed("xyz")):
    print(i, x)
print(list(zip(reversed([1, 2]), reversed("ab"))))
