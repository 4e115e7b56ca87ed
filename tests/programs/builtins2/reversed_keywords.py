reversed(seq=[])
