print(print)
