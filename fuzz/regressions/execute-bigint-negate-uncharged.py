b = 1 << 4 * 10**7
while 1:
    -b
