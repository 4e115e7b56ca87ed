print(7 % -3)
print(1 % (2 - 2))
