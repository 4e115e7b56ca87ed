inf = 1e308 * 10
nan = inf - inf
print(inf, -inf, nan, -nan)
print(nan == nan, nan != nan, nan < 1, inf == inf, -inf < inf)
print(5 // inf, -5 // inf, 5 % inf, -5 % inf, 5 % -inf, -5 % -inf)
print(inf // 1, inf % 1, 1 / inf, -1 / inf, inf * 0, inf + -inf)
print(inf ** 0, nan ** 0, 1 ** nan, 1 ** inf, (-1) ** inf, 0.5 ** inf, 2 ** -inf)
print(0 ** inf, inf ** -1, (-inf) ** 3, (-inf) ** 2, (-inf) ** -1)
print(1 < nan < 2, nan or 1, not nan, inf and 'x')
print(inf > 9223372036854775807, -inf < -9223372036854775807 - 1)
print(nan == 1, 1 == nan, nan > inf, nan <= nan)
inf - 1
