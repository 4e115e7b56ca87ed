format(1, '_n')
