def to_f(c):
    return c * 9 / 5 + 32
c = -40
while c <= 40:
    print(c, to_f(c))
    c += 15
print(to_f(36.6))
