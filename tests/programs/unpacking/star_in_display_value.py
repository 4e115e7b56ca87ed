a = [1, 2]
print([0, *a], (*a, 3), (*a,), [*"hi", *range(2), *{1: 2}])
t = *a, 9
print(t)
print([*5])
