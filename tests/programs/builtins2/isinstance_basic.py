values = [1, True, 2.5, "s", [1], (1,), {1: 2}, {1}, range(3), int, None, enumerate([]), zip(), reversed((1,))]
classes = [int, bool, float, str, list, tuple, dict, set, range, type, enumerate, zip, reversed]
for v in values:
    print([isinstance(v, c) for c in classes])
print(isinstance(1, (str, (float, (int,)))), isinstance(1, ()), isinstance(1, (int, 5)))
print(isinstance(reversed([1]), reversed), isinstance(int, type), isinstance(type, type))
