s = "a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l\x1fm\n\n"
print(s.splitlines())
print(s.splitlines(True))
print(s.splitlines(keepends=True), "".splitlines(), "\n".splitlines(), "x\r".splitlines(1), "\r\r\n".splitlines(True))
print("ab".splitlines(False), "a\nb".splitlines(keepends=0), "a\n\nb".splitlines(2))
