x = 1.0
for i in range(10):
    x = x / 10
    print(x)
