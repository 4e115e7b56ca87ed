a = 'abc'
b = "abc"
c = 'abd'
print(a == b, a != b, a == c, a != c)
print('' == "", 'x' == 'X', 'a\tb' == 'a	b')
print("""x""" == 'x', 'line\n' == """line
""")
