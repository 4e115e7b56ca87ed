print(chr(0x10FFFF) == "\U0010FFFF")
chr(0x110000)
