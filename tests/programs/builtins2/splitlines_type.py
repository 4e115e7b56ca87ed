"ab".splitlines(None)
