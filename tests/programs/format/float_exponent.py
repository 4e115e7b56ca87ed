for x in [0.0, 1.0, -1.5, 12345.678, 1e-300, 5e-324, 1.7976931348623157e308, 0.000123]:
    print(format(x, 'e'), format(x, '.0e'), format(x, '#.0e'), format(x, '.3E'), format(x, '+.10e'))
