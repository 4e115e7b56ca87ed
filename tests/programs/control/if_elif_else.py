for n in range(-2, 4):
    if n < 0:
        print(n, 'negative')
    elif n == 0:
        print(n, 'zero')
    elif n == 1:
        print(n, 'one')
    else:
        print(n, 'many')
