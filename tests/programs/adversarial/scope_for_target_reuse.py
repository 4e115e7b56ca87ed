i = "before"
for i in range(0):
    pass
print(i)
for i in range(3):
    pass
print(i)
