# `+=` and `*=` change a list in place: every name bound to it sees the change.
a = [1]
b = a
a += [2]
print(b, a is b)
a += (3, 4)
a += "xy"
a += range(2)
a += {"k": 1}
print(b)
c = [[]]
d = c
c *= 3
c[0].append(1)
print(d, c is d)
c *= 0
print(d, c is d)
e = [1, 2]
e *= -1
print(e)
f = [5]
g = f
f = f + [6]
print(f, g, f is g)
h = [1, 2]
h += h
print(h)
t = (1,)
u = t
t += (2,)
print(t, u)
s = "a"
s *= 3
print(s)
