global q
q = 3
print(q)
