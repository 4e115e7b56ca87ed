# ValueError: round() of nan to an int.
print(round(float('nan'), 2), round(0.5))
print(round(float('nan')))
