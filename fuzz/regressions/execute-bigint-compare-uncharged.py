b = 1 << 10**7
c = b + 1
while 1:
    b < c
