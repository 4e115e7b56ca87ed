print(format(None), format([1, 'a'], ''), format((1,), ''), format({'k': 2}))
print(format(range(3)), format(3), format(2.5), format('x'))
print('{} {} {}'.format(None, [1, 2], {1: 'a'}))
print('%s %r' % ([1], (1, 'b')))
