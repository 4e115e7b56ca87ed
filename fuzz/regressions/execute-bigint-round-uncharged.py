b = 1 << 10**7
while 1:
    round(b, -1)
