s = 'ab'
del s[0]
