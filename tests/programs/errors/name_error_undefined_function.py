print(1)
result = compute(2)
