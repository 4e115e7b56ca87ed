x = (1 +
     2 +
     nope)
