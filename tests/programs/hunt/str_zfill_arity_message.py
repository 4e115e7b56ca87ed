print("abc".zfill())
