# & | ^ on big non-negative ints.
a = 2 ** 100 + 2 ** 64 + 2 ** 3 + 1
b = 2 ** 100 + 2 ** 70 + 2 ** 3
print('a', a, 'b', b)
print('and', a & b, 'or', a | b, 'xor', a ^ b)
print('with small', a & 255, a | 6, a ^ 1, 255 & a)
print('masks', (2 ** 128 - 1) & (2 ** 64 + 5), (2 ** 128 - 1) ^ (2 ** 64 - 1))
print('self', a & a, a | a, a ^ a, a ^ a == 0)
print('zero', a & 0, a | 0, a ^ 0)
print('u64', (2 ** 64 - 1) & (2 ** 63), (2 ** 64 - 1) | (2 ** 64), (2 ** 64 - 1) ^ (2 ** 64))
print('bool', True & 3, True | 2 ** 70, False ^ 2 ** 65)
x = 0
for i in range(0, 200, 7):
    x = x | (1 << i)
print('sparse', x)
y = x
count = 0
while y:
    count += y & 1
    y = y >> 1
print('popcount', count)
print('xor swap')
p = 3 ** 80
q = 5 ** 60
p = p ^ q
q = p ^ q
p = p ^ q
print(p, q, p == 5 ** 60, q == 3 ** 80)
