print("abc".center(5.0))
