# TypeError: ordering a str against an int.
print('a' == 1, 1 != 'a', 2 ** 100 == 'x')
print('a' < 1)
