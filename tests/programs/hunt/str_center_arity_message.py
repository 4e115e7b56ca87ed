print("abc".center())
