b = 1 << 10**7
while 1:
    pow(b, 1, 3)
