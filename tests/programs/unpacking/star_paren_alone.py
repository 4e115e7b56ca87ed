a = [1, 2]
print([*a], [*a, *a])
print((*a))
