x = 5
print(-x, +x, - -x, -(-x), +-x, -+x)
print(--x, ---x)
print(-0, +0, -(3 - 10))
y = -x
print(y, -y)
