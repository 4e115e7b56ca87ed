for i in range(3):
    if i == 2:
        continue
    print(i)
else:
    print("else", i)
