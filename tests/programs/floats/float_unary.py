x = 2.5
print(-x, +x, - -x, -(-x))
y = -1e-3
print(y, -y)
