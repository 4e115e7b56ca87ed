# round(x, n) on floats: exact decimal value decides, ties go to even.
print('classic', round(2.675, 2), round(1234.5678, -2), round(1e20, 2), round(2.5, 0), round(3.5, 0))
print('ties', round(0.125, 2), round(0.375, 2), round(0.25, 1), round(0.35, 1), round(0.45, 1))
print('neg ndigits', round(1234.5678, -1), round(1234.5678, -3), round(1234.5678, -4), round(5678.0, -4))
print('neg tie', round(2500.0, -3), round(3500.0, -3), round(-2500.0, -3), round(250.0, -2), round(150.0, -2))
print('many', round(3.14159265358979, 0), round(3.14159265358979, 1), round(3.14159265358979, 5))
print('more', round(3.14159265358979, 10), round(3.14159265358979, 15), round(3.14159265358979, 20))
print('neg', round(-1.005, 2), round(-2.675, 2), round(-0.5, 0), round(-1.5, 0), round(-0.05, 1))
print('huge ndigits', round(1.5, 400), round(1.5, -400), round(1e300, -300), round(1e300, -299))
print('tiny', round(1e-20, 5), round(-1e-20, 5), round(5e-324, 400), round(1.23e-10, 12))
print('big vals', round(1e16, -1), round(123456789012345.67, 1), round(1.7976931348623157e308, -300))
print('ndigits 0', round(0.5, 0), round(1.5, 0), round(-0.5, 0), round(2.675, 0))
print('bool ndigits', round(2.675, True), round(0.55, False))
print('inf nan', round(float('inf'), 2), round(float('-inf'), -2), round(float('nan'), 1))
v = 1.0
for n in range(6):
    v = v / 3
    print('third', n, round(v, n), round(v * 1000, -n))
