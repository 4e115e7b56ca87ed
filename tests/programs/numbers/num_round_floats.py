# round() with no ndigits returns an int, rounding half to even.
print('halves', round(0.5), round(1.5), round(2.5), round(3.5), round(4.5), round(5.5))
print('neg halves', round(-0.5), round(-1.5), round(-2.5), round(-3.5), round(-4.5))
print('others', round(0.4), round(0.6), round(-0.6), round(2.4999999999999996), round(2.5000000000000004))
print('big', round(1e20), round(-1e20), round(1.5e30), round(2.0 ** 63), round(2.0 ** 64 + 2 ** 12))
print('types', round(2.0), round(-2.0), round(1e16 + 2), round(4503599627370497.5))
print('ints', round(7), round(-7), round(2 ** 100), round(True), round(False))
print('tiny', round(5e-324), round(-5e-324), round(0.49999999999999994))
x = -3.0
while x <= 3.0:
    print('round', x, round(x), round(x, 0))
    x += 0.25
