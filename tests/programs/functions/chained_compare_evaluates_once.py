calls = 0
def mid():
    global calls
    calls += 1
    return 5
print(1 < mid() < 10)
print(calls)
print(10 < mid() < 20)
print(calls)
def noisy(v):
    print('noisy', v)
    return v
print(noisy(3) < noisy(1) < noisy(2))
