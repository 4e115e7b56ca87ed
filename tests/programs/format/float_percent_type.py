for x in [0.5, 1 / 3, -0.125, 0.0, 12.345]:
    print(format(x, '%'), format(x, '.2%'), format(x, '.0%'), format(x, '+10.1%'), format(x, '#.0%'))
