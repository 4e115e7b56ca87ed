print(range(10).index(3), (255).bit_length())
