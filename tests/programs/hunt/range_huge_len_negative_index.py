r = range(-2**63, 2**63 - 1)
print(r[-1])
