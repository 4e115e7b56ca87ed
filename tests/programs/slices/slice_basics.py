s = "hello world"
print(s[1:4], s[::-1], s[:3], s[-3:], s[::2], s[100:], s[-100:2])
print("héllo"[1:3], "héllo"[::-1])
a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
print(a[2:5], a[::3], a[::-2], a[8:2:-2], a[-3:], a[:-3])
t = (1, 2, 3, 4)
print(t[1:], t[::-1], t[5:])
r = range(0, 20, 3)
print(r[1:4], r[::-1], r[::2], list(r[2:5]))
b = a[:]
b[2:4] = ['x', 'y', 'z']
print(b)
b[::2] = range(6)
print(b)
del b[1]
print(b)
del b[::3]
print(b)
del b[:2]
print(b)
d = {'a': 1, 'b': 2}
del d['a']
print(d)
x = 5
del x
def f():
    y = [1, 2, 3]
    del y[0], y[-1]
    return y
print(f())
c = [1, 2, 3]
c[1:1] = [9, 9]
print(c)
c[5:0] = 'ab'
print(c)
print(a[True:], a[False:True])
print(a[:10**30], a[-10**30:2])
e = [1, 2]
e[:] = e
print(e)
print(d[1, 2] if (1, 2) in d else 'no')
d[1, 2] = 'tuple key'
print(d[1, 2], d)
