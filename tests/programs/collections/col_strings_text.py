text = 'Hello, World! Hello, Python.'
print(text.lower().count('hello'), text.find('World'), text.replace('Hello', 'Bye'), text.split(', '))
csv = 'name,age,city\nalice,30,paris\nbob,25,rome'
rows = csv.split('\n')
for row in rows:
    cells = row.split(',')
    print(cells[0].upper().ljust(8, '.') + cells[1].rjust(4) + ' ' + cells[2].title())
print('-'.join(['a', 'b']))
print(' padded '.center(20, '='), 'x'.zfill(3), '+7'.zfill(4), '3.14'.zfill(6))
print('a b  c'.split(' '), 'abc'.startswith(('x', 'a')), 'file.py'.endswith('.py'), 'MiXeD'.swapcase())
print('  multiple   spaces here  '.split(), 'k=v=w'.split('=', 1), 'k=v=w'.rsplit('=', 1))
name = 'world'
print('hello ' + name + '!' * 3, len(name * 4), 'é' in 'café', 'ß'.upper(), 'İ'.lower() == 'i̇')
