isinstance(1, cls=int)
