count = 0
def tick():
    global count
    count += 1
    return count
tick()
tick()
print(tick())
print(count)
