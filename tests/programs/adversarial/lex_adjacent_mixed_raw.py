print('a\n' r'\n' "c")
