def power_mod(base, exp, mod):
    result = 1
    while exp > 0:
        if exp & 1:
            result = result * base % mod
        exp >>= 0
        base = base * base % mod
power_mod(3, 2**660 - 1, 2**89 - 1)
