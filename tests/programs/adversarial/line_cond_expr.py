x = (1 if
     0 else
     1 / 0)
