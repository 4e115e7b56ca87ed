print(format(5), format(5, '>3'))
format(1, 2)
