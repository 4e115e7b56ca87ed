def find(n):
    for i in range(2, n):
        if n % i == 0:
            return i
    else:
        return -1
    return 99
print(find(15), find(13), find(2))
