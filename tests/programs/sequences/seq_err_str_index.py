s = 'abc'
print(s[1], s[-3])
print(s[3])
