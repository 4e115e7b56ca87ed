for x in [1.0, 12.0, 100.0, 1234.0, 0.1, 1e16, 1e-5, 123.456, 9.99, 0.0, 5e-324, 1e100, 2.5, 1.5]:
    print(format(x, ''), format(x, '.3'), format(x, '.1'), format(x, '.0'), format(x, '#'), format(x, '#.3'), format(x, '.20'), format(x, '10'), format(x, ','))
