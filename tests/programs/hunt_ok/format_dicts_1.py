d = {}
d["self"] = d
l = [d]
l.append(l)
print(d, l)
d = {1: "int", 1.0: "float", True: "bool"}
print(d, {True: 1, 1: 2}, {x: x for x in [1, 1.0, True]}, {1.0, 1, True})
print({k: v for k, v in [(1, "a"), (2, "b"), (1, "c")]})
a = {1: 2, 3: 4}; b = {3: 4, 1: 2}
print(a == b, list(a) == list(b), a != {1: 2})
d = {"x": [1, 2], "y": (3, {4})}
print("%(x)s %(y)r" % d, "{0[x]} {0[y]}".format(d), str(d))
print("{0[x][1]}".format({"x": [1, 2]}))
print("{0[1]}".format("ab"), "{0[0]}".format((5,)))
print("{0[a b]}".format({"a b": 1}))
d = {}
for w in "a b a c b a".split():
    d[w] = d.get(w, 0) + 1
print(d, sorted(d.items(), key=lambda kv: kv[1], reverse=True), max(d, key=lambda k: d[k]))
s = "%s" % {}
t = "%s %s" % ({}, [])
print(s, t, "%s" % set(), "%r" % (set(),))
print("%s" % [])
print("%s %(a)s" % {"a": 1})
