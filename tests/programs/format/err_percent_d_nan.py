'%d' % float('nan')
