y = """a
b"""
y
