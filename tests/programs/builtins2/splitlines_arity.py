"ab".splitlines(1, 2)
