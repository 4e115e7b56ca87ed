# ValueError: negative shift count.
print(1 << 0, 1 >> 0, 2 ** 100 >> 1)
print(1 << -1)
