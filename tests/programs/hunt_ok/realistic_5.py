def caesar(s, k):
    a = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    for c in s:
        i = a.find(c.lower())
        if i < 0: out += c
        else:
            n = a[(i + k) % 26]
            out += n.upper() if c.isupper() else n
    return out
e = caesar("Hello, World!", 3)
print(e, caesar(e, -3), caesar("xyz", 29))
