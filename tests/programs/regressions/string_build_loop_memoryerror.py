s = ''
for i in range(30000):
    s += 'x'
print(s == 'x' * 30000)
