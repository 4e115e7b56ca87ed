'{:>4}'.format({})
