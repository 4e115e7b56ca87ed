print(0 and 1, 1 and 0, 2 and 3, '' or 'x', 'x' or 'y', None or 0, 0.0 or None)
print(1 or 1/0, 0 and 1/0)
print(not 0 and 5, not (0 and 5))
print(1 and 2 or 3, 0 and 2 or 3, 1 or 2 and 3)
print('' and 1/0 or 'fallback')
x = 0 or -0.0
print(x)
None or ''
