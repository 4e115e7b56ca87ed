# Negative zero: creation, printing and arithmetic.
z = -0.0
print('z', z, 0.0, -z, +z, abs(z), z == 0.0, z < 0.0)
print('ops', z + 0.0, 0.0 + z, z + z, z - 0.0, 0.0 - 0.0, z - z, z * 1, z * -1, 0.0 * -1)
print('mult', -1 * 0.0, 0 * -1.0, -0.0 * -0.0, 0.0 * -5, -5.0 * 0)
print('div', z / 1, z / -1, 0.0 / -3, 0 / -3.0, -0 / 3.0)
print('floordiv', z // 1, z // -1, 0.0 // -1, -0.0 // 2.5, 1 // -1e308)
print('mod', z % 1, z % -1, 0.0 % -1, 5.0 % -5.0, -5.0 % 5.0, 6.0 % -3)
print('divmod', divmod(z, 1), divmod(0.0, -1), divmod(-5.0, 5.0))
print('pow', z ** 2, z ** 3, z ** 0, 0.0 ** 3, (-0.0) ** 0.5)
print('round', round(z), round(z, 1), round(-0.4), round(-0.4, 0), round(-0.04, 1))
print('int', int(z), int(-0.9), float(z), float(-0), float('-0'), float('-0.0'))
print('minmax', min(0.0, z), min(z, 0.0), max(0.0, z), max(z, 0.0), min(0, z), max(z, 0))
print('tiny', -1e-320 * 1e-10, -5e-324 / 2, 5e-324 / -2)
print('sum', -0.0 + -0.0, -0.0 - -0.0)
a = -0.0
a += 0
print('aug', a)
b = 0.0
b *= -1
print('aug2', b)
