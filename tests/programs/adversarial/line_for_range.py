for i in range(
   1,
   2,
   0):
    pass
