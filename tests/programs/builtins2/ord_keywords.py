ord(c="a")
