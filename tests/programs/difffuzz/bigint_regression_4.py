print(1 << 2**63)
