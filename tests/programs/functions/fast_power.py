def power(b, e):
    if e == 0:
        return 1
    half = power(b, e // 2)
    if e % 2 == 0:
        return half * half
    return half * half * b
print(power(2, 10), power(3, 13), power(7, 0), power(2, 62))
def mod_pow(b, e, m):
    result = 1
    b = b % m
    while e > 0:
        if e % 2 == 1:
            result = result * b % m
        b = b * b % m
        e //= 2
    return result
print(mod_pow(2, 100, 1000000007), mod_pow(3, 200, 13))
