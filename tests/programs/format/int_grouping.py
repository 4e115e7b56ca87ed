for n in [0, 7, 999, 1000, 1234567, -1234567, 10**12, -987654321]:
    print(format(n, ','), format(n, '_'), format(n, '_x'), format(n, '_b'), format(n, '#_o'))
print(format(1234, '010,'), format(1234, '08,'), format(1234, '09,'))
print(format(-1234, '010,'), format(12, '+010_'), format(12, ' 06,'))
print(format(1234, '0=10,'), format(1234, 'x<010'), format(255, '#010x'))
print(format(1234567, '*^15,'), format(-1234, 'x=+10_'))
print('{:*^11,}'.format(1234567))
