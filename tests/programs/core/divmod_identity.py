ok = True
for a in range(-9, 10):
    for b in range(-4, 5):
        if b == 0:
            continue
        q = a // b
        r = a % b
        if q * b + r != a:
            ok = False
            print('broken', a, b)
        if b > 0 and (r < 0 or r >= b):
            ok = False
        if b < 0 and (r > 0 or r <= b):
            ok = False
print('identity holds:', ok)
