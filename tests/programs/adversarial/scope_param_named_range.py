def f(range):
    return range
print(f(3))
for i in range(2):
    print(i)
