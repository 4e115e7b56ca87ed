# ZeroDivisionError from float floor division by 0.0.
print(1.0 // 0.5, -1.0 // 0.3, 1.0 // float('inf'))
print(1.0 // 0.0)
