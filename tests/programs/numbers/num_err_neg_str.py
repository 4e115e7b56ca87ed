# TypeError: unary minus on a string.
print(-1, -(2 ** 100))
print(-'a')
