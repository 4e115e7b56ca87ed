# Augmented assignment with big ints and floats.
x = 1
x <<= 100
print('<<=', x)
x += 1
print('+=', x)
x *= x
print('*=', x)
x -= 2 ** 200
print('-=', x)
x //= 3
print('//=', x)
x %= 1000000007
print('%=', x)
x **= 5
print('**=', x)
x >>= 10
print('>>=', x)
x &= 2 ** 64 - 1
print('&=', x)
x |= 2 ** 80
print('|=', x)
x ^= 2 ** 80 + 1
print('^=', x)
x = -x
x //= 7
print('neg //=', x)
x %= -13
print('%= neg', x)
y = 2 ** 64
y /= 4
print('/=', y)
z = 3
for i in range(6):
    z **= 2
print('repeated squaring', z)
def bump(n):
    global total
    total += n
total = 0
for i in range(1, 41):
    bump(i ** 20)
print('sum i**20', total)
# Big intermediate results whose final value fits in 64 bits again;
# the small results must then behave like ordinary ints.
a = 2 ** 100
b = a - a + 5
print('a-a+5', b, b * 3, b // 2, b % 3, b == 5)
c = a // 2 ** 98
print('2**100//2**98', c, c + 1, c * c)
d = (10 ** 30) % 7
print('10**30 % 7', d, d - 1)
e = (2 ** 64 + 7) - 2 ** 64
print('(2**64+7)-2**64', e, e << 2, e ** 2)
f = (2 ** 63) - 1
print('2**63-1', f, f - 1, f // 2)
g = -(2 ** 63)
print('-2**63', g, g + 1, g + 2 ** 63)
h = (3 ** 100) // (3 ** 98)
print('3**100//3**98', h, h * 2)
i = (2 ** 200) >> 190
print('2**200>>190', i, i + i)
j = (2 ** 100 + 12345) & 0xFFFF
print('masked', j, j | 1)
k = 10 ** 40 // 10 ** 38 - 100
print('k', k, k == 0, 0 == k, k + 1)
m = (2 ** 70) * (2 ** 70) // (2 ** 139)
print('m', m, m ** 10)
n = -(10 ** 25) // (10 ** 24)
print('n', n, n % 3, abs(n))
t = 0
for i in range(50):
    t += 2 ** 64
for i in range(50):
    t -= 2 ** 64
print('t', t, t + 1)
print('mixed', (2 ** 100 + 1) % (2 ** 100) + 1, 1 + (2 ** 100) // (2 ** 100))
