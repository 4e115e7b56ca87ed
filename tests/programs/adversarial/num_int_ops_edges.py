x = 9223372036854775807
print(x, -x, x - 1, x // 2, x % 10, -x // 10, -x % 10)
print(x // -1, (-x) // 1, x % -1, x ^ -1, ~x, x >> 63, -x >> 63)
y = -x - 1
print(y, y // 1, y % 1, y % -7, y // 7, y >> 1, y ^ x)
print(y + x, x + y, y & x, y | x)
print(3 ** 40 // 3 ** 39 if False else 3 ** 39 // 3 ** 38)
