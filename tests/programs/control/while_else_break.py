n = 0
while n < 10:
    if n == 4:
        print('break at', n)
        break
    n += 1
else:
    print('else should not run')
print('after', n)
