repr(obj=1)
