x = print("hi")
print(x)
print(print())
