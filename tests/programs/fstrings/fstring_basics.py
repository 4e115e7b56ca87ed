x=3.14159; y=10; n=42
print(f'{x=}', f'{x = }', f'{x=:.2f}', f'{x=!s}', f'{n!r:>5}', f'{"a"!a}', f'{n:{y}}', f'{x:{y}.{2}f}', f'{{}}', f'a{{b}}c', rf'\n{n}', f'{n:#x}{n:b}')
print(f'''{n
+1}''')
name = 'world'
items = [1, 2.5, 'x', None, (1, 2), [3], {'k': 'v'}]
for it in items:
    print(f'<{it}> <{it!r}> <{it!s:>8}>')
print(f"{name:*^11}|{name!r:10}|{len(name):03d}")
print(f'{3.0:g} {1e20:g} {-0.0} {1/3:.3%} {12345.6789:,.2f} {255:08b} {-42:+d}')
print(f'{"nested {braces}"}', f"{'a' + 'b'}", f'{[1, 2][0]}', f'{ {"k": 1}["k"] }')
w = 7
p = 2
print(f'{3.14159:{w}.{p}f}|', f'{"x":{"<"}{w}}|')
print(f'{1}' f'{2}' 'three' f'{4}')
print(f'')
print(f'{"é"!a}')
print(f'{10**30}', f'{2**64:,}')
