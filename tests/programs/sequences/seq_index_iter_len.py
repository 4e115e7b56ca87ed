s = 'héllo wörld'
print(len(s), s[1], s[-1], s[0], len(''), str(42) + '!', str(), str(1.5), str(True), str(None))
t = divmod(17, 5)
print(t[0], t[1], t[-1], len(t))
for c in t:
    print(c)
n = 0
for ch in s:
    if ch in 'aeiouéö':
        n += 1
print(n)
r = range(10, 0, -3)
print(r[0], r[-1], len(r), r[2])
print(str(2**100), len(str(2**100)))
def f(x):
    return x[0]
print(f('abc'))
for ch in '':
    print('never')
print(s[True])
print('abc'[5])
