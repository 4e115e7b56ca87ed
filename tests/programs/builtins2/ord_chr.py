print(ord("a"), ord("é"), ord("€"), ord("\U0001F600"), ord("\x00"))
print(chr(97), chr(233), chr(0x10FFFF) == "\U0010FFFF", chr(True), len(chr(0x1F600)))
print([ord(c) - ord("a") for c in "hello"], "".join([chr(ord(c) + 1) for c in ["a", "b"]]))
print(chr(0x110000 - 1) == "\U0010ffff", ord(chr(1234)))
