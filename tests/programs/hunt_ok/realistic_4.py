matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[::-1] for row in matrix[::-1]], [matrix[i][i] for i in range(3)], [r[1:] for r in matrix[1:]])
flat = [x for r in matrix for x in r]
print(flat[::4], flat[-1::-3], flat[2:7:2])
flat[::2] = [0] * 5
print(flat)
del flat[1::2]
print(flat)
