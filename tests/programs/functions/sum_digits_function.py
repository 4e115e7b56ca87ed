def digit_sum(n):
    if n < 0:
        n = -n
    s = 0
    while n:
        s += n % 10
        n //= 10
    return s
def digital_root(n):
    while n >= 10:
        n = digit_sum(n)
    return n
print(digit_sum(12345), digit_sum(-907), digit_sum(0))
print(digital_root(987654321), digital_root(9223372036854775807))
