s = {1, 2}
x = [0, 0, 0]
x[1:2] = s
print(x)
print(sorted({v: -v for v in s}, key=lambda k: -k))
del s[0]
