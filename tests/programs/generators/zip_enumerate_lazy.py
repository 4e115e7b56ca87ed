def src(n):
    for i in range(n):
        pass
    return (print('yield', i) or i for i in range(n))
for a, b in zip(src(3), 'xy'):
    print(a, b)
