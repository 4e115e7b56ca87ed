n = 9876543210
total = 0
while n > 0:
    total += n % 10
    n //= 10
print(total)
x = 2 ** 60
s = 0
while x:
    s = s + x % 10
    x = x // 10
print(s)
