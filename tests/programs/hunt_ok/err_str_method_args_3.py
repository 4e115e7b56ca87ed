print("abc".zfill("5"))
