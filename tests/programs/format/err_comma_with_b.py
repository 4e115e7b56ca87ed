format(255, ',b')
