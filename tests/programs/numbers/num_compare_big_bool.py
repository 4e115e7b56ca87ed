# Comparisons between big ints and small ints, all operators, chained.
def cmp(a, b):
    print(a, b, '<', a < b, '<=', a <= b, '==', a == b, '!=', a != b, '>', a > b, '>=', a >= b)

cmp(2 ** 100, 2 ** 100)
cmp(2 ** 100, 2 ** 100 + 1)
cmp(-(2 ** 100), 2 ** 100)
cmp(-(2 ** 100), -(2 ** 100) - 1)
cmp(2 ** 64, 2 ** 63)
cmp(2 ** 63, 2 ** 63 - 1)
cmp(-(2 ** 63), -(2 ** 63) - 1)
cmp(5, 2 ** 100)
cmp(-5, -(2 ** 100))
cmp(0, -(10 ** 40))
cmp(10 ** 40, 10 ** 40 - 10 ** 39 * 10 + 10 ** 40)
print('chain', 1 < 2 ** 64 < 2 ** 65 < 3 ** 50, 2 ** 64 < 2 ** 63 < 2 ** 65, -(2 ** 70) < 0 < 2 ** 70)
print('chain eq', 2 ** 70 == 2 ** 70 == 4 ** 35, 2 ** 70 == 2 ** 70 == 3)
m = 2 ** 90
if m > 10 ** 27:
    print('m above 10**27')
else:
    print('m not above 10**27')
if 2 ** 90 - m:
    print('nonzero')
elif m:
    print('m truthy')
k = 0
while 2 ** k < 10 ** 30:
    k += 1
print('first power of 2 above 10**30 is 2 **', k)
# bool is an int subtype: arithmetic and comparisons with ints, floats and big ints.
print('eq', True == 1, False == 0, True == 1.0, False == -0.0, True == 2)
print('lt', False < True, True < 2, True < 1.5, -1 < False, True < 2 ** 100)
print('arith', True + True, True - False, True * 10, True / 2, True // 2, True % 2)
print('more', -True, True ** 2, 2 ** 100 + True, 2 ** 100 * False, 1.5 + True)
print('big', True == 2 ** 64, 2 ** 64 > True, -(2 ** 64) < False)
print('sum', True + True + True + 0.5)
c = 0
for i in range(10):
    c += i % 3 == 0
print('count', c)
print('bool()', bool(0), bool(1), bool(-1), bool(2 ** 100), bool(0.0), bool(-0.0), bool(0.1))
print('bool() more', bool(float('nan')), bool(float('inf')), bool(None), bool(''), bool('0'))
print('bool() bool', bool(True), bool(False), bool(), bool(2 ** 64 - 2 ** 64))
print('and/or', 0 or 2 ** 70, 2 ** 70 and 0.0, 0.0 or -0.0, 2 ** 64 or 1, not 2 ** 64)
print('min/max', max(True, 0), min(False, 0), max(0, False), max(True, 1), max(1, True))
