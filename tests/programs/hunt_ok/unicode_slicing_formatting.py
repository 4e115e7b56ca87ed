s = "naïve café 日本語 😀!"
print(len(s), s[::-1], s[6:10], s[-4:], s[::3], s.upper(), s.split(" "))
print("%-8s|%8s|" % ("日本", "😀"), "{:^7}|{:>4}".format("é", "語"))
print(s.find("日"), s.count("é"), s.replace("é", "e"), s.index("😀"))
print(sorted("bäa"), max("aé"), "é" > "z", [c for c in "añb"])
print(s.center(30, "·"), "ü".zfill(3), s.startswith("naï"))
print(list(s[7:12]), s[::-1][:3])
