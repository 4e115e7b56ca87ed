d = {k: sum(v for v in range(k)) for k in range(5)}
print(d)
print(dict((str(i), i) for i in range(3)))
print(set(len(w) for w in 'the quick brown fox'.split()) == {3, 5})
