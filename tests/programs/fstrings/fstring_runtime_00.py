print(f'{1:d}')
print(f'{1.5:d}')
