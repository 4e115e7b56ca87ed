isinstance(1, print)
