i = 10
while i:
    i -= 3
    if i < 0:
        break
else:
    print("else")
print(i)
