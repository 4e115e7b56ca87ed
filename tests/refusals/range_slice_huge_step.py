print(range(10)[::2**64])
