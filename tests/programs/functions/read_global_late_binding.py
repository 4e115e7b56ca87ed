def show():
    return value * 2
value = 10
print(show())
value = 21
print(show())
