xs = [3, 1, 2]
xs.append(5)
print(xs, len(xs))
last = xs.pop()
print(last, xs, xs.pop(0), xs)
xs.insert(0, 'a'); xs.insert(-1, 'b'); xs.insert(100, 'c')
print(xs)
xs.extend([7, 8]); xs.extend('hi'); xs.extend(range(3)); xs.extend((9,))
print(xs, xs.count(2), xs.index('b'))
xs.remove('a'); xs.reverse(); print(xs)
ys = xs.copy(); ys.clear(); print(ys, len(xs))
s = '  Hello World  '
print(s.strip(), '|' + s.lstrip() + '|', '|' + s.rstrip() + '|', s.lower(), s.upper().strip())
print('a,b,,c'.split(','), '-'.join(['x', 'y', 'z']), 'one two  three'.split(), ' a b '.split(None, 1), 'a b c'.rsplit(None, 1), 'a,b,c'.rsplit(',', 1), 'abc'.split('b', 0))
print('hello'.find('l'), 'hello'.rfind('l'), 'hello'.find('z'), 'hello'.index('e'), 'hello'.count('l'), 'aaa'.count(''), 'hello'.replace('l', 'L'), 'hello'.replace('l', 'L', 1))
print('hello'.startswith('he'), 'hello'.endswith(('x', 'lo')), '123'.isdigit(), 'abc'.isalpha(), ' \t'.isspace(), 'ABC'.isupper(), 'abc'.islower(), ''.isdigit())
print('hello world'.title(), 'hELLO'.capitalize(), '42'.zfill(5), '-42'.zfill(5), 'ab'.center(7, '*'), 'ab'.center(6), 'ab'.ljust(4, '.') + '|', 'ab'.rjust(4))
print(','.join('abc'), ''.join([]), (1, 2, 1).count(1), (1, 2, 3).index(3), 'é'.upper(), 'straße'.upper())
print('xxhixx'.strip('x'), 'a-b_c'.split('-'))
a = []
a.append(a)
print(a, a == a)
t = [1, [2, [3, []]]]
print(t, str(t), len(t[1]))
