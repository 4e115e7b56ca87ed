n = 5
print(f'{n = }', f'{n=:>4}', f'{n=!r:^5}')
print(f'{n+1=}', f'{n == 5 = }')
