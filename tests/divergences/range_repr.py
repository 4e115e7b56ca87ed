range
