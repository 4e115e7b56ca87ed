'{}}'.format(1)
