x = None
print(-x)
