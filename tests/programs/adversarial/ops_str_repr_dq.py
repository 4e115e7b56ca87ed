x = 'a"b'
x
