v = 'abc'
print(f'{v:=^9}', f'{v:.2}')
print(f'{v:,}')
