x = 1
print("should not print")
global x
