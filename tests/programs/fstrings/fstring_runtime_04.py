w = 'x'
print(f'{3:{w}}')
