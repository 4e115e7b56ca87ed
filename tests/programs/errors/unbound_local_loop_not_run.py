def last(n):
    for i in range(n):
        v = i
    return v
print(last(3))
print(last(0))
