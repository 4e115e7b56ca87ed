for x in [0.0, -0.0, 1.0, 100.0, 123456789.0, 0.0001, 0.00001, 999999.5, 1e16, 1.5e-7, 3.14159265358979]:
    print(format(x, 'g'), format(x, '.3g'), format(x, '#g'), format(x, '.1g'), format(x, 'G'), format(x, 'n'), format(x, '#.3g'))
