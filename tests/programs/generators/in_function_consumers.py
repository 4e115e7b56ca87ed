def stats(rows, col):
    total = sum(r[col] for r in rows)
    big = max((r[col] for r in rows), default=None)
    names = ', '.join(str(r[0]) for r in rows if r[col] > total / len(rows))
    ordered = sorted((r[col], r[0]) for r in rows)
    return total, big, names, ordered, list(r[col] * 2 for r in rows), tuple(c for c in names if c != ' ')
print(stats([('a', 3), ('b', 9), ('c', 5)], 1))
