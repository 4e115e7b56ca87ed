def inc(x):
    return x + 1
def dbl(x):
    return x * 2
print(inc(dbl(inc(dbl(1)))))
print(dbl(dbl(dbl(dbl(dbl(1))))))
