'{0[a]}'.format([1])
