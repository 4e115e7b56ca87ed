format()
