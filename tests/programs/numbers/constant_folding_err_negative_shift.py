print(1 << 62)
print(1 << -1)
