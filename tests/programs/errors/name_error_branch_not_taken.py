if 1 > 2:
    y = 5
print('checking y')
print(y)
