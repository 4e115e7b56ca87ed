reversed([], [])
