x = 42
print(len('ok'))
print(x[0])
