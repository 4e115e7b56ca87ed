def inc(n):
    return n + 1

def pair(a, b):
    return (a, b)

def twice(f, x):
    return f(f(x))

x = 1
x = inc(x)
x = inc(inc(x))
print(x)
p = pair(x, x)
p = pair(p, x)
print(p)
f = inc
f = f(41)
print(f)
g = twice
g = g(inc, 5)
print(g)
total = 0
for i in range(5):
    total = pair(total, i)[0] + i
print(total)
n = len([1, 2, 3])
n = max(n, 7)
print(n)
s = 'a'
s = str(s * 3)
print(s)

def local_calls(k):
    h = inc
    k = h(k)
    k = h(h(k))
    m = pair(k, h)
    m = m[1](m[0])
    return k, m

print(local_calls(10))

def boom(v):
    return 1 // v

keep = 5
keep = boom(keep)
print(keep)
keep = boom(0)
print('not reached', keep)
