x = [1, 2]
print(x.pop(True))
x.pop('a')
