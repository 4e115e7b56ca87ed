hits = 0
misses = 0
def record(ok):
    global hits, misses
    if ok:
        hits = hits + 1
    else:
        misses += 1
for i in range(10):
    record(i % 3 == 0)
print(hits, misses)
