print(True / True)
print(1 // False)
