x = 'a\
b'
print(x)
x
