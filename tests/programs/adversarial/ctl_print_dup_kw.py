print(1, sep='a', sep='b')
