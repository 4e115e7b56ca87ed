n = 0
def inc():
    global n
    n += 1
    return n
inc(); inc()
print(n)
