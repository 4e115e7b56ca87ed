'hello' % 5
