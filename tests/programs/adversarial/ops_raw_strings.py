print(r'a\nb', R"c\td", r'\'', r"\"")
print(r'\x41')
r'\\'
