print('before')
print(x)
print('after')
