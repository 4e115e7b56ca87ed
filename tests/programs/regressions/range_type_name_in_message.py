print(print < range)
