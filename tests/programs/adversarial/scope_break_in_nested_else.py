for i in range(3):
    for j in range(3):
        pass
    else:
        if i == 1:
            break
        continue
    print("never")
else:
    print("outer else")
print(i, j)
