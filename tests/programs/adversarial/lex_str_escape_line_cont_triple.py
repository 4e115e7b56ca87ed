x = """a\
b\\
c"""
print(x)
x
