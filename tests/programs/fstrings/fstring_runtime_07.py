data = {'a': 1, 'b': [1, 2]}
print(f"{data['a']} {data['b'][1]} {len(data)} {data!r}")
print(f'''multi
{data["a"]
 + 1} line''')
