print(str(), str(1.0), str([1.0, "a"]), str((1,)), str({}), str(None), str(True), str(-0.0), str(1e300 * 1e10))
print(float("nan") == float("nan"), 1e308 * 10, -1e308 * 10, 0.1 + 0.2, 1 / 3, 2 ** 0.5, 10 ** -2, 2 ** 100 / 3)
