d = {'a': 1, 'b': 2}
d['c'] = 3
print(d)
print(d['b'], len(d))
print(d.get('z'), d.get('z', 0))
ages = {'ann': 31, 'bob': 25}
for k in ages:
    print(k, ages[k])
for k, v in ages.items():
    print(k, v)
print(list(ages.keys()), ages.values(), ages.items(), ages.keys())
m = {1: 'int', 2.5: 'float', None: 'none', (1, 2): 'tuple', 'k': [1, 2]}
m[1.0] = 'float one'
m[True] = 'true'
print(m, len(m), 1 in m, 3 in m, (1, 2) in m)
counts = {}
for w in 'a b a c b a'.split():
    counts[w] = counts.get(w, 0) + 1
print(counts, sorted(counts), sorted(counts.items()))
inv = {}
for k, v in counts.items():
    inv.setdefault(v, []).append(k)
print(inv)
e = {}
print(e, bool(e), dict(), dict([('x', 1), ('y', 2)]), dict(a=1, b=2), dict({'q': 0}))
c = counts.copy()
c['z'] = 9
print(counts == c, counts == {'c': 1, 'b': 2, 'a': 3}, c.pop('z'), c.pop('nope', 'dflt'))
c.update({'a': 100}, )
c.update([('w', 5)])
print(c)
c.clear()
print(c, len(c))
nested = {'x': {'y': {'z': 1}}}
nested['x']['y']['z'] += 41
print(nested, nested['x']['y'])
self_ref = {}
self_ref['me'] = self_ref
print(self_ref)
print({2 ** 70: 'big', -0.0: 'zero'})
print(d['missing'])
