# ValueError: int() of nan.
print(int(0.5), int(-0.5))
print(int(float('nan')))
