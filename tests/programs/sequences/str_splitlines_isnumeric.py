print("l1\nl2\n".splitlines(), "x".isnumeric())
