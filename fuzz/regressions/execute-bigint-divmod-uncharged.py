b = 1 << 10**7
while 1:
    divmod(b, 3)
