def qsort(xs):
    if len(xs) <= 1: return xs
    p = xs[0]
    return qsort([x for x in xs[1:] if x < p]) + [p] + qsort([x for x in xs[1:] if x >= p])
print(qsort([5, 3, 8, 1, 9, 2, 7, 3]))
def msort(xs):
    if len(xs) < 2: return xs[:]
    m = len(xs) // 2
    a, b = msort(xs[:m]), msort(xs[m:])
    out = []
    while a and b:
        out.append(a.pop(0) if a[0] <= b[0] else b.pop(0))
    return out + a + b
print(msort([9, -1, 4, 4, 0, 12, -7]))
