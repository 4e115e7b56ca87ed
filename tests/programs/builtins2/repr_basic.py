print(repr(1), repr(2.5), repr("a'b"), repr('a"b'), repr("a'\"b"), repr("\n\t\x01\x7f"), repr(None), repr(True))
print(repr([1, "x", (2,), {3: "y"}, {4}]), repr(int), repr(len), repr(range(1, 5, 2)), repr(10**25))
print(repr("héllo €"), repr("\x85\xa0\xad"), len(repr("abc")), repr(repr("x")))
print(repr(""), repr({}), repr(set()), repr(()))
