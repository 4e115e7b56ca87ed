def f():
    x = 1
    def_ = 2
    del x
    x = 3
    return x
print(f())
def f(n):
    out = []
    for i in range(n):
        v = i * 2
        out.append(v)
        del v
    return out, i
print(f(3))
l = [[1, 2], [3, 4]]
del l[0][1], l[1][0]
print(l)
d = {"a": {"b": 1, "c": 2}}
del d["a"]["b"]
print(d)
l = [1, 2, 3]
del l[1:2], l[0]
print(l)
a = [1, 2, 3, 4]
del a[-1:-3:-1]
print(a)
a = list(range(20))
del a[::-1]
print(a)
d = {(1, 2): 3, 1.0: "x"}
del d[1]
del d[1, 2]
print(d)
L = [1, 2, 3]
for x in L:
    del L[0]
    print(x, L)
class_ = 1
print(class_)
del class_
print("ok")
x = 1
def f():
    global x
    del x
    x = 2
f()
print(x)
d = {i: i for i in range(10)}
for k in list(d.keys())[::2]:
    del d[k]
print(d)
d[0] = "new"
print(d, list(d)[0], list(d)[-1])
