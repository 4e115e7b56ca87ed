"ab".splitlines(ends=True)
