calls = 0
total = 0
def add(x):
    global calls, total
    calls += 1
    total += x
    return total
for i in range(1, 6):
    add(i * i)
print('calls', calls, 'total', total)
def report():
    print('report:', calls, total)
report()
