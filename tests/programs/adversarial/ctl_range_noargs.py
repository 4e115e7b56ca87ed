for i in range():
    pass
