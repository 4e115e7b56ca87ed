s = 'abcdefghij'
for step in (-1, -2, -3, 2, 3):
    for lo in (None, -20, -3, 0, 4, 20):
        for hi in (None, -20, -2, 0, 5, 20):
            print(step, lo, hi, s[lo:hi:step], list(range(10))[lo:hi:step], tuple(range(10))[lo:hi:step], range(10)[lo:hi:step])
