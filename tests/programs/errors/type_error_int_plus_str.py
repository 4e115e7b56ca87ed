n = 5
s = 'five'
print(n + s)
