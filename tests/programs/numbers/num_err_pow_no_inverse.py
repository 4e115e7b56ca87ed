# ValueError: base is not invertible for the given modulus.
print(pow(3, -1, 4), pow(2, -1, 5))
print(pow(2, -1, 4))
