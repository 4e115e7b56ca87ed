repr(1, 2)
