format(1, ',_')
