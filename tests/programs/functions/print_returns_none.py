x = print('hello')
print(x)
print(print('inner'))
