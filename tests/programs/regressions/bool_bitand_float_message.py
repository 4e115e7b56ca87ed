print(True & 1.0)
