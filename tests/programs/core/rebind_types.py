x = 1
print(x)
x = 'one'
print(x)
x = None
print(x)
x = 1.5
print(x)
x = True
print(x)
x
