print(1if 1else 0)
print(1or 2, 0in range(1), 1.5and 2)
