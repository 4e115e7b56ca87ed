# Addition and subtraction of big and small ints with mixed signs.
def show(a, b):
    print(a, b, '+', a + b, '-', a - b, 'rev-', b - a, 'neg', -a, -b)

show(2 ** 100, 1)
show(2 ** 100, -1)
show(-(2 ** 100), 2 ** 100)
show(-(2 ** 100), -(2 ** 99))
show(10 ** 30, 10 ** 29)
show(10 ** 30, -(10 ** 30) + 1)
show(9223372036854775807, 1)
show(-9223372036854775808, -1)
show(9223372036854775807, 9223372036854775807)
show(-9223372036854775808, -9223372036854775808)
show(18446744073709551615, 1)
show(18446744073709551616, -18446744073709551615)
show(0, 3 ** 100)
show(True, 2 ** 64)
x = 0
for i in range(10):
    x += 10 ** 18
print('sum of ten 10**18', x)
for i in range(10):
    x -= 10 ** 18
print('back to', x, x == 0)
y = -1
for i in range(5):
    y = y - 2 ** 62
print('down', y)
# Multiplication across sizes and signs, including results that overflow 64 bits.
def show(a, b):
    print(a, '*', b, '=', a * b, '| signs', -a * b, a * -b, -a * -b)

show(2 ** 32, 2 ** 32)
show(2 ** 31, 2 ** 32)
show(3037000500, 3037000500)
show(3037000499, 3037000499)
show(9223372036854775807, 2)
show(-9223372036854775808, -1)
show(-9223372036854775808, 1)
show(4294967296, -2147483648)
show(10 ** 20, 10 ** 20)
show(123456789123456789, 987654321987654321)
show(2 ** 100, 0)
show(2 ** 100, True)
show(-(3 ** 50), 7 ** 30)
print('chain', 2 ** 40 * 2 ** 40 * 2 ** 40 // 2 ** 119)
m = 1
for i in range(1, 30):
    m *= i * 1000003
print('running product', m)
print('square of -10**25', (-10 ** 25) * (-10 ** 25))
