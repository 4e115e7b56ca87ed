# TypeError: max() of a single int (it expects an iterable).
print(max(1, 2))
print(max(1))
