print(u'abc', U"x")
u'\u00e9'
