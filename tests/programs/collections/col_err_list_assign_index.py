xs = [1, 2, 3]
xs[-3] = 0
print(xs)
xs[-4] = 0
