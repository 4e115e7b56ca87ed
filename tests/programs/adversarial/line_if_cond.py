if (1 and
    undefined_x):
    pass
