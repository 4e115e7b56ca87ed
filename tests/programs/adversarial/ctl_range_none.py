for i in range(None):
    pass
