for spec in ['', 'd', '5', '<5', '^5', '>5', '=+5', '+', '-', ' ', '05', '010', 'b', 'o', 'x', 'X', '#b', '#o', '#x', '#X', 'n', 'c']:
    print('{!r}'.format(spec), format(65, spec), format(-65, spec) if spec != 'c' else '')
print(format(0, 'b'), format(0, '#x'), format(-0, 'd'))
print(format(True, ''), format(True, 'd'), format(False, '>5'), format(True, '#x'))
