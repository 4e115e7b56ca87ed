inf = float('inf')
nan = float('nan')
for x in [inf, -inf, nan, -nan]:
    print(format(x, ''), format(x, 'f'), format(x, 'E'), format(x, '+g'), format(x, '010'), format(x, '<8'), format(x, '010,'), format(x, '%'))
print('%f %e %G %+f' % (inf, -inf, nan, nan))
print('%010f|%-8e|' % (-inf, inf))
