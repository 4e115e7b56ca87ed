big = 9223372036854775807
print(big)
print(big - 1, big // 3, big % 1000)
small = -big - 1
print(small)
print(small + 1, small // 2, small % 10)
print(2 ** 62 + (2 ** 62 - 1))
print(-(2 ** 62) - 2 ** 62)
big == 2 ** 62 - 1 + 2 ** 62
