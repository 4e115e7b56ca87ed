print('%*d|%-*d|%*s|' % (5, 1, 4, 2, -4, 'a'))
print('%.*f|%*.*f|' % (2, 3.14159, 8, 2, 3.14159))
print('%.*f' % (-2, 1.5))
print('%(a)s-%(b)d-%(a)r' % {'a': 'x', 'b': 2})
print('%(a(b))s %()s' % {'a(b)': 3, '': 4})
print('%(n)05.1f|%(n)-8g|' % {'n': 2.5})
print('hello' % [1], 'hello' % {}, 'hi' % ())
x = 'value: %s'
x %= 42
print(x)
