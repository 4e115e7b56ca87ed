for i in range(3):
    if i == 5:
        break
else:
    print('no break', i)
for i in range(3):
    if i == 1:
        break
else:
    print('unreachable')
print('after', i)
for i in range(3):
    continue
else:
    print('else after continue', i)
n = 0
while n < 3:
    n += 1
    if n == 2:
        continue
    print('n', n)
else:
    print('while else', n)
while True:
    break
else:
    print('never')
