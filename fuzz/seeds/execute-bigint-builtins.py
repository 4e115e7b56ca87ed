a = -7**45
b = 3**40 + 1
print(a // b, a % b, divmod(a, b), divmod(b, -5))
print(abs(a), min(a, b, 0), max(a, b, 2**64), pow(a, 3), pow(2, 127, 10**18 + 9))
print(a << 70, a >> 33, ~a, a & b, a | b, a ^ b)
print(int(str(a)), int('-0x' + 'f' * 30, 0), int('  1_000_000  '), int(2.5e20), int(-3.99))
print(float(b), float('1e308') * 10, bool(a), bool(0), round(a, -20), round(7.5), round(-0.5))
print(a == b, a < b, a <= 2**200, 2**53 + 1 == float(2**53 + 1), b / 3, a / 2**100)
