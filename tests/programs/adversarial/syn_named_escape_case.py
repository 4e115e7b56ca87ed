print("before")
x = "\N{hangul syllable ga}"
