# TypeError: min() with no arguments.
print(min(1, 2), max(1, 2))
print(min())
