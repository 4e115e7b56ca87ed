a = 1071
b = 462
while b:
    t = b
    b = a % b
    a = t
print(a)
