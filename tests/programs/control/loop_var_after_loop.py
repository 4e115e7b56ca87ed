for i in range(3):
    pass
print(i)
for j in range(10, 0, -4):
    pass
print(j)
k = 'before'
for k in range(0):
    pass
print(k)
