print("abc"[2**64])
