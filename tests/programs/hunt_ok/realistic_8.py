points = [(3, 4), (-1, 2), (0, 0), (5, -5), (-3, -4)]
dist = lambda p: (p[0] ** 2 + p[1] ** 2) ** 0.5
print(sorted(points, key=dist), max(points, key=dist), min(points, key=lambda p: (p[1], -p[0])))
print([(p, round(dist(p), 3)) for p in points if dist(p) > 1])
print(sorted(points, key=lambda p: p[0] * p[1], reverse=True), sorted(points)[::-1] == sorted(points, reverse=True))
