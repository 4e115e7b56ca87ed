def first_multiple(n, k):
    for i in range(1, 100):
        if i * k >= n:
            return i * k
    return -1
print(first_multiple(50, 7))
print(first_multiple(1000, 3))
def find(limit):
    i = 0
    while True:
        if i * i > limit:
            return i
        i += 1
print(find(30))
