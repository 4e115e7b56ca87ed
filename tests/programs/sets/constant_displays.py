# CPython folds set displays of constants into frozensets; the layout can change.
print({1, 9, 17})
print({9, 1, 17})
a = {17, 9, 1}
print(a)
print({1, 9, 17, 25, 33, 41})
print({41, 33, 25, 17, 9, 1})
for x in {8, 16, 24, 32, 40, 0}:
    print(x, end=" ")
print()
for x in {40, 32, 24, 16, 8, 0}:
    print(x, end=" ")
print()
v = 9
print({1, v, 17}, {v, 1, 17}, {1, 9}, {9, 1})
print(5 in {5, 13, 21}, [y for y in {29, 21, 13, 5}])
print({(1, 2), (9, 1), (1, 9), (17, 0)})
print({-1, -9, -17, 7, 15, 23})
print({1.0, 9.0, 17.0, 25.0})
print({True, False, None} == {None, False, True})
def f():
    return {33, 1, 9, 17}
print(f(), {1, 9, 17, 33})
done = True
