total = 0
count = 0
for n in range(1, 11):
    total += n
    count += 1
print(total / count)
print(total / 4, total / 3)
def mean3(a, b, c):
    return (a + b + c) / 3
print(mean3(1, 2, 4), mean3(0.1, 0.2, 0.3))
