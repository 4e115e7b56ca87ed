'{0 }'.format(1)
