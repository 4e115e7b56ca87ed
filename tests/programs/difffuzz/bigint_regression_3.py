print(True, divmod(10 ** 4300, 1))
