t = divmod(9, 4)
print(t[0], t[1], t[-2])
print(t[2])
