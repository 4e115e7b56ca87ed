big = 9223372036854775807
small = -9223372036854775808
print(big * 2, small * 2, small * -1, big * -3, big * 0, small * 1)
for a in [7, -7, 0, 13, -13, big, small, 2 ** 70, -(2 ** 70)]:
    print(a, a % 3, a % -3, a % 1, a % -1, a * 3, a * -3, a + 5, a - 5, a % 32767, a % -32768)
print(7.5 % 2, -7.5 % 2, 7.5 * 2, 2.5 % -2, True * 3, False % 5, True % 2)
print('ab' * 3, [0] * 2, (1,) * 2, 'x' * -1, '%d items' % 4, '%s-%s' % (1, 2))
print(-1, -0, -32768, -2147483647, -2147483648, -9223372036854775808, - 5, -(3))
xs = [10, 20, 30]
print(xs[-1], xs[-3], xs[-1:], 5 - -1, 2 ** -1)
total = 0
i = 0
while i < 1000:
    total = total + i * 2 % 7 - i % -5 + i * -3 % 11
    i = i + 1
print(total)
print(12 % 0)
