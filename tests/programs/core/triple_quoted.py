s = """first line
second line
    indented third"""
print(s)
t = """she said "hello" and 'bye'"""
print(t)
u = """escape\tinside\\"""
print(u)
