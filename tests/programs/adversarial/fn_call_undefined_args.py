def p(x):
    print('p', x)
    return x
nothere(p(1))
