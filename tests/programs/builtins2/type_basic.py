for v in [1, 10**30, True, 2.5, "s", [1], (1,), {1: 2}, {1}, range(3), range(10**12), int, print, enumerate([]), zip(), reversed("ab")]:
    if v is not print:
        print(type(v))
print(type(1) is int, type(1) == int, type(True) is int, type(type(1)), type(int) is type)
print(type(5) in (int, float), type("x") != str)
