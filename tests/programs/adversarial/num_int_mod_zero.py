print(7 % False)
