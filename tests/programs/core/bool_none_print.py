print(True, False, None)
print(True, None, sep='|')
x = None
print(x)
y = True
print(y, not y)
