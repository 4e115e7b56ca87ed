x = 5
if x:
    x + 1
