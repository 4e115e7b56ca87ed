'{0!rx}'.format(1)
