x = None
print('adding')
print(1 + x)
