# TypeError: str + int.
print('a' + 'b', 1 + 2 ** 100)
print('a' + 1)
