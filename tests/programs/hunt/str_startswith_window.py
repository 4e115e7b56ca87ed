s = 'abcdef'
for a in [None, -10, -3, 0, 2, 6, 9]:
    for b in [None, -10, -2, 0, 3, 6, 9]:
        print(a, b, s.startswith('c', a, b), s.startswith('', a, b), s.endswith('e', a, b), s.endswith(('x', 'de', ''), a, b), 'héllo'.startswith('é', 1, b))
print('abc'.startswith('a', 0, 1, 2) if False else 'ok')
