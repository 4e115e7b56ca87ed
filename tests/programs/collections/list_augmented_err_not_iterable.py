x = [1]
y = x
x += [2]
print(y)
x += 5
