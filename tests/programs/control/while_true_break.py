count = 0
while True:
    count += 1
    if count * count > 50:
        break
print(count)
