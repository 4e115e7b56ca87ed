for spec in ['e', 'E', 'f', '.2f', 'g', 'G', '%', '.1%', ',.2f', '010.3e']:
    print(spec, format(1234567, spec), format(-5, spec), format(True, spec))
