# TypeError: three-argument pow with a float.
print(pow(2.0, 3), pow(2, 3, 5))
print(pow(2.0, 3, 5))
