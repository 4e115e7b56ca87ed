r = range
for i in r(2):
    print(i)
x = range(5)
print(x)
