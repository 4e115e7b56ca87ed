'%d' % float('inf')
