def f(a, b=2, *args, key=None, **kw):
    return (a, b, args, key, kw)
print(f(1))
print(f(1, 3, 4, 5, key='k', x=1, y=2))
print(f(a=5, b=6))
def g(x, items=[]):
    items.append(x)
    return items
print(g(1), g(2))
sq = lambda x: x * x
print(sq(5), (lambda: 'none')(), (lambda a, b=10: a + b)(1))
words = ['banana', 'Apple', 'cherry', 'date']
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: w[-1]))
print(min(words, key=len), max(words, key=lambda w: w[1]), max([], default=0), min([3, 1, 2], key=lambda x: -x))
pairs = [(1, 'b'), (2, 'a'), (0, 'c')]
print(sorted(pairs, key=lambda p: p[1]))
fs = []
for i in range(3):
    def h(x=i):
        return x
    fs.append(h)
print([fn() for fn in fs])
def kwonly(*, a, b=3):
    return a + b
print(kwonly(a=1), kwonly(b=1, a=2))
def star(*args):
    return sum(args)
print(star(), star(1, 2, 3))
def kws(**kw):
    return kw
print(kws(z=1, a=2))
print(sorted([3, 1, 2], key=abs))
print(sorted({'b': 2, 'a': 1}.items(), key=lambda kv: kv[1]))

def f(x, y=[]):
    y.append(x)
    return y
print(f(1), f(2), f(3, []))
print((lambda *a, **k: (a, k))(1, 2, x=3))
x = [3, 1, 2]
x.sort()
print(x)
x.sort(reverse=True)
print(x)
x.sort(key=lambda v: -v)
print(x)
def f(a, b=2, c=3): return a + b + c
print(f(1, c=10))
print(max(1, 2, key=lambda v: -v))
people = [('ann', 31), ('bob', 25), ('cy', 31), ('dee', 19)]
people.sort(key=lambda p: p[1], reverse=True)
print(people)
print(sorted(people, key=lambda p: (-p[1], p[0])))
add1 = lambda x: x + 1
print((lambda f: f(f(1)))(add1))
def apply(fn, *args, **kwargs):
    return fn(args[0]) if kwargs == {} else None
print(apply(add1, 41))
def counter(start=0, step=1, *, limit=3):
    out = []
    v = start
    while len(out) < limit:
        out.append(v)
        v += step
    return out
print(counter(), counter(5), counter(step=2, limit=4), counter(1, -1, limit=2))
print(min([[3, 1], [2, 9], [2, 1]]), max('hello', key=lambda c: ord(c) if False else c))
words = 'the quick brown fox jumps over the lazy dog'.split()
print(sorted(words, key=len), sorted(words, key=lambda w: (len(w), w), reverse=True))
nested = sorted([[3, 'c'], [1, 'a'], [2, 'b']], key=lambda p: sorted([p[0], -p[0]], key=abs)[0])
print(nested)
