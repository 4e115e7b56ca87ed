total = None
total += 1
