def print_it(x):
    print(x)
range = 5
print(range)
