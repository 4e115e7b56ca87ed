xs = [1, 2, 3]
xs[0] += 10
xs[-1] *= 2
print(xs)
counts = [0] * 5
for ch in 'hello world':
    counts[ord(ch) % 5 if False else len(ch)] += 1
print(counts)
grid = [[0, 0], [0, 0]]
grid[1][0] += 5
print(grid)
xs[1] += 'a'
