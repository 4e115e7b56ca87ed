ord(1)
