print(len('four'))
print(len(4))
