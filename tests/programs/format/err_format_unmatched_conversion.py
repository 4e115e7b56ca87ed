'{!r'.format(1)
