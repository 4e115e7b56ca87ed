print("{:>5}".format({}))
