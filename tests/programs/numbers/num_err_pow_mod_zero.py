# ValueError: three-argument pow with modulus zero.
print(pow(2, 3, 1), pow(2, 3, -3))
print(pow(2, 3, 0))
