q = divmod(-2**70, 7)
r = divmod(10**40 + 3, -2**61 + 1)
print(q[0], q[-1], len(q), r[1] - r[-2], str(2**100)[3], len(str(3**500)), str(-7**30)[-5])
for part in divmod(3**80, 5**30):
    print(part, abs(part) % 97, pow(part, 2, 2**61 - 1), round(part, -10), int(str(part)[0] + '0'))
digits = str(2**256)
total = 0
for d in digits:
    total += int(d)
print(total, len(digits), digits[len(digits) // 2], range(10**3)[-1], range(-5, 2**40, 3)[2**20])
