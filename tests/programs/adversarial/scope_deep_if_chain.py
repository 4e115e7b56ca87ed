def c(x):
    if x < 0:
        return "neg"
    elif x == 0:
        return "zero"
    elif x < 10:
        if x % 2:
            return "small odd"
        else:
            return "small even"
    else:
        return "big"
for v in range(-1, 12, 4):
    print(v, c(v))
