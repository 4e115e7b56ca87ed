# Bitwise operators on negative ints behave as infinite two's complement.
def show(a, b):
    print(a, b, '&', a & b, '|', a | b, '^', a ^ b)

show(-1, 2 ** 100)
show(-(2 ** 100), 2 ** 100 - 1)
show(-(2 ** 100), -(2 ** 99))
show(-(2 ** 64), 2 ** 64 - 1)
show(-(2 ** 63), 2 ** 63 - 1)
show(-(2 ** 63) - 1, -1)
show(-12345678901234567890, 98765432109876543210)
show(-12345678901234567890, -98765432109876543210)
show(-5, 3)
show(-5, -3)
show(-(3 ** 50), 255)
show(-(3 ** 50), -256)
show(2 ** 70 + 1, -2)
show(-1, -1)
show(0, -(2 ** 80))
# Unary ~ and - on big and negative ints.
for v in range(-3, 4):
    print('~', v, ~v, '-', -v, '~~', ~~v)
print('~2**63-1', ~(2 ** 63 - 1), ~(2 ** 63), ~(-(2 ** 63)), ~(-(2 ** 63) - 1))
print('~2**64', ~(2 ** 64), ~(2 ** 64 - 1), ~(-(2 ** 64)))
print('~big', ~(10 ** 30), ~(-(10 ** 30)), ~~(10 ** 30))
print('identity', ~(3 ** 90) == -(3 ** 90) - 1, -(3 ** 90) == ~(3 ** 90 - 1))
print('bool', ~True, ~False, -True, -False, +True)
print('unary plus', +(2 ** 100), +(-(2 ** 100)), - - (2 ** 100), -+-(5))
print('mix', ~(2 ** 100) & (2 ** 101 - 1), ~0 ^ (2 ** 70))
