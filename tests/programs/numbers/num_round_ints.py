# round() on ints: ndigits >= 0 returns the int; negative ndigits rounds half to even.
print('pos ndigits', round(15, 0), round(15, 2), round(-15, 3), round(2 ** 100, 5))
print('tens', round(15, -1), round(25, -1), round(35, -1), round(-25, -1), round(-15, -1), round(-35, -1))
print('not ties', round(14, -1), round(16, -1), round(-14, -1), round(-16, -1), round(4, -1), round(5, -1), round(6, -1))
print('hundreds', round(150, -2), round(250, -2), round(251, -2), round(-250, -2), round(1250, -2), round(1350, -2))
print('beyond', round(15, -2), round(50, -2), round(51, -2), round(-51, -2), round(499, -3), round(500, -3), round(1500, -3))
print('big', round(10 ** 30 + 5 * 10 ** 9, -10), round(10 ** 30 + 15 * 10 ** 9, -10), round(-(2 ** 100), -20))
print('big ties', round(25 * 10 ** 40, -41), round(35 * 10 ** 40, -41), round(-(25 * 10 ** 40), -41))
print('huge neg ndigits', round(12345, -100), round(-12345, -100), round(2 ** 100, -1000))
print('i64', round(2 ** 63 - 1, -1), round(-(2 ** 63), -1), round(2 ** 63 - 1, -18), round(2 ** 63 - 1, -19))
print('bool', round(True, -1), round(True, 1), round(5, True), round(15, -True))
print('zero', round(0, -5), round(0, 5), round(0))
for n in range(-5, 1):
    print('round 123456 ndigits', n, round(123456, n), round(-123456, n), round(125000, n))
