def check(v):
    print('saw', v)
    return v
print(all(check(v) for v in [1, 2, 0, 3]))
print(any(check(v) for v in [0, '', 5, 6]))
print(any(x == 3 for x in range(10**12)))
