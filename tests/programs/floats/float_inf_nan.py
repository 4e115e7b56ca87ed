big = 1e308
inf = big * 10
print(inf, -inf)
print(inf > 1e308, inf == inf)
nan = inf - inf
print(nan)
print(nan == nan, nan != nan)
print(1 / inf)
