r = range(3)
print(r[-3], r[2])
print(r[3])
