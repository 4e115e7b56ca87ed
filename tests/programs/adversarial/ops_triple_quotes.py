s = """He said "yes" and ""quoted"" it
second line's here"""
print(s)
t = '''single '' inside ' and "double" '''
print(t)
u = """a\
b"""
print(u)
v = """ends with quote\""""
print(v)
w = ''''''
print(w == '', len if False else w + 'x')
s + t
