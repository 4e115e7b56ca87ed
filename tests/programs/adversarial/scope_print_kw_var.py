s = "-"
e = "!\n"
print(1, 2, sep=s, end=e)
print(3, sep=s + s, end=e * 2)
