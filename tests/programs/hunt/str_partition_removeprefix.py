for s in ['key=value', 'novalue', '=x=', '']:
    print(s.partition('='), s.rpartition('='), s.removeprefix('ke'), s.removesuffix('ue'), s.isascii())
print('abc'.removeprefix(''), 'é'.isascii())
print('x'.partition(''))
