sq = [i * i for i in range(6)]
print(sq)
ev = [x for x in sq if x % 2 == 0]
print(ev)
grid = [[0] * 3 for _ in range(2)]
grid[1][2] = 7
print(grid)
x = 'outer'
ys = [x for x in 'abc']
print(ys, x)
pairs = [(a, b) for a in range(3) for b in range(a) if a + b > 1]
print(pairs)
print([k * v for k, v in [(1, 2), (3, 4)]], [c.upper() for c in 'hi'], [[y for y in range(n)] for n in range(3)])
def f(n):
    total = 10
    return [total + i for i in range(n) if i != 1]
print(f(4), [f(i) for i in range(3)])
words = 'the quick brown fox'.split()
print([len(w) for w in words], sum([len(w) for w in words]), [w for w in words if 'o' in w])
print([i for i in range(3) if i if i > 1])
print([n for n in [1, 2, 3] if n > 5], [])
