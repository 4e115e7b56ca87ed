s = 'abcabcé-abc'
for a in [None, -20, -5, 0, 2, 7, 11, 30]:
    for b in [None, -20, -3, 0, 4, 9, 30]:
        print(a, b, s.find('bc', a, b), s.rfind('bc', a, b), s.count('bc', a, b), s.count('', a, b), s.find('', a, b), s.rfind('', a, b), s.find('é', a, b))
print('abc'.rindex('c'), 'aXbX'.rindex('X', 0, 3))
print('abc'.index('z', 1))
