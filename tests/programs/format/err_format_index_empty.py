'{}'.format()
