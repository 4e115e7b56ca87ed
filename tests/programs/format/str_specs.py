for spec in ['', 's', '5', '<5', '>5', '^5', '^6', '*^7', '.1', '.0', '^10.2', '05', '0^7', '<<3', '*<5s', '>3']:
    print('{!r}'.format(format('ab', spec)), '{!r}'.format(format('é', spec)))
print('{!r}'.format(format('', '^3')), '{!r}'.format(format('abc', '.10')))
