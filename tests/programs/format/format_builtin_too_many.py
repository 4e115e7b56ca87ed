format(1, '', 3)
