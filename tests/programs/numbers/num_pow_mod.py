# Three-argument pow, including negative exponents (modular inverse) and moduli.
print('basic', pow(2, 10, 1000), pow(3, 200, 10 ** 9 + 7), pow(2, 100, 2 ** 64), pow(5, 0, 7), pow(5, 0, 1))
print('big base', pow(2 ** 100, 2 ** 100, 10 ** 9 + 7), pow(3 ** 100, 5, 2 ** 70 + 1), pow(10 ** 30, 3, 97))
print('big mod', pow(7, 10 ** 20, 2 ** 127 - 1), pow(2, 2 ** 64, 10 ** 30 + 57), pow(3, 1000, 3 ** 900))
print('neg base', pow(-2, 3, 5), pow(-2, 4, 5), pow(-(2 ** 100), 3, 1000), pow(-7, 3, 7))
print('neg mod', pow(2, 3, -5), pow(3, 3, -5), pow(-2, 3, -5), pow(2, 10, -7), pow(5, 2, -25))
print('inverse', pow(3, -1, 7), pow(2, -1, 9), pow(10, -1, 17), pow(3, -2, 7), pow(-3, -1, 7))
print('inverse big', pow(12345, -1, 10 ** 9 + 7), pow(2 ** 100 + 1, -1, 2 ** 127 - 1), pow(7, -3, 2 ** 64 + 13))
print('inverse neg mod', pow(3, -1, -7), pow(2, -1, -9), pow(3, -5, -11))
print('mod 1', pow(5, 3, 1), pow(5, -1, 1), pow(0, 0, 1), pow(-5, 3, -1), pow(5, 3, -1))
print('zero', pow(0, 5, 7), pow(0, 0, 7), pow(7, 3, 7), pow(14, 2, 7))
print('bools', pow(True, 5, 3), pow(2, True, 3), pow(2, 5, True + True + True))
x = 1
for e in range(1, 8):
    print('pow(3,', e, ', 11)', pow(3, e, 11), pow(3, -e, 11), (pow(3, e, 11) * pow(3, -e, 11)) % 11)
