x = '\ud800'
print(1)
x
