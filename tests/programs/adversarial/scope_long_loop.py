total = 0
for i in range(200000):
    total += i % 7
print(total)
