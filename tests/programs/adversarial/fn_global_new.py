def setit():
    global made
    made = 42
setit()
print(made)
