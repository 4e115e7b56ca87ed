s = "Mississippi"
print(s.count("ss"), s.replace("ss", "SS", 1), s[::-1].find("i"), s.rfind("ss"), s.split("s"), s.rsplit("i", 2))
print(s.lower().count("i") * "=", s.upper()[2:-2:2], s.strip("Mi"), s.lstrip("M").rstrip("pi"))
print("%s has %d chars, %.1f%% are 's'" % (s, len(s), 100 * s.count("s") / len(s)))
print("{0:>15}|{0:<15}|{0:^15}|".format(s), "{:.4}".format(s), format(s, "*>12.3"))
