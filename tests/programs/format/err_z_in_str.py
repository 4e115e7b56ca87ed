format('a', 'z')
