d = {}
d.update({}, {})
