print(True / False)
