'{0!x}'.format(1)
