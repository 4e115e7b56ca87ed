print(0 and 1 // 0)
print(1 or 1 // 0)
print(False and undefined_name)
print(True or undefined_name)
x = None
print(x is not None and x + 1)
print(x is None or x + 1)
