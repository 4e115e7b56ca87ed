print('abc'.upper())
'abc'.foo()
