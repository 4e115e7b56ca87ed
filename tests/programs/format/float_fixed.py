for x in [0.0, -0.0, 1.5, 2.5, 2.675, -1234.5678, 1e16, 1e-7, 123456.789, 0.1]:
    print(format(x, 'f'), format(x, '.0f'), format(x, '.2f'), format(x, '#.0f'), format(x, ',.3f'), format(x, '+.1f'))
print(format(-1234.5, '010,.1f'), format(1e300 * 10, 'F'), format(float('nan'), 'F'))
print(format(1.5, '.30f'))
print(format(1e22, 'f'))
