'{1}'.format(1)
