s = {3, 1, 2, 11, 19}
for item in s:
    print(item)
print(list(enumerate(s)), list(zip(s, "abcde")))
a, b, c, d, e = s
print(a, b, c, d, e)
print(tuple(s), sorted(s, reverse=True), any(s), all(s), sum(s), min(s), max(s))
print(", ".join({"x"}))
xs = [0]
xs.extend({5, 6})
print(xs)
print({i: i for i in {9, 1, 17}})
print(set({1: 2, 9: 3, 17: 4}), set({1: 2}.keys()), set(range(3)), set("aaa"), set((1, 2)))
t = {5, 6, 7}
for v in t:
    t.discard(v)
    t.add(v + 8)
    break
print(t)
