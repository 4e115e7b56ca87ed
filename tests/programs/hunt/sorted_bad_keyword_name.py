print(sorted([1,2], foo=5))
