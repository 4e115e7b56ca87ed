n = 2 ** 70
print(format(n, ''), format(n, ','), format(-n, '#x'), format(n, '_b'))
print(format(n, 'e'), format(n, '.3%'), format(-n, '>40'), format(n, '040_'))
print('%d %x %o %X' % (n, n, -n, 10 ** 20))
print('{0:,} {0:#o}'.format(-n))
