x = 'it'
print(x)
"it's"
