print(len(range(10)[::0]))
