type(1, x=2)
