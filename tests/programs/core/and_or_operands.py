print(0 or 5, 3 or 5, 0 or 0, None or 7)
print(3 and 4, 0 and 4, None and 4, 2 and 0)
print(1 and 2 and 3, 1 and 0 and 3, 0 or None or 8)
print(0 or False, False or 0, None or None)
print(0.0 or 2.5, 1.5 and 0.0)
print(True and 'yes', False or 'no', 0 and 'never')
x = 0 or 1 and 2
print(x)
