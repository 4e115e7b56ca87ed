print("a b".split(None), " a ".strip(None), "a,b".split(",", -1), "aaa".replace("a", "b", -1), "a b c".rsplit(None, -1))
print("abc".startswith(("a", 1)))
print("a".join("xyz"), "-".join(("a",)), "-".join({"k": 1}))
