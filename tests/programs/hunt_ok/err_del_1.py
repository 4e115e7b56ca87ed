for i in range(3):
    del i
print(i)
