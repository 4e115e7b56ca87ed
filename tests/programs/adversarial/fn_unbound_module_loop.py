for i in range(0):
    pass
print(i)
