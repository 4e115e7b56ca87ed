print([1] * 2, 2 * (1,))
print([1] * "a")
