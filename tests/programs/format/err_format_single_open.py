'abc{'.format()
