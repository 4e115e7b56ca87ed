x = float("nan")
print({x: 1})
