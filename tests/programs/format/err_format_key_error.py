'{x}'.format()
