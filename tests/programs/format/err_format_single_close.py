'a}b'.format()
