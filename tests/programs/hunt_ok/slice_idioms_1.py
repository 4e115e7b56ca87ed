x = [1, 2, 3, 4, 5]
i = 1
x[i:i + 2] = x[i + 2:i:-1]
print(x)
x = list(range(6))
x[1:5][::-1] if False else None
y = x[::-1][::2][1:]
print(y, x[1:5][::-1], x[:100][-2:][0])
s = "abcdef"
print(s[1:5][::-1], s[::-1][1:5], s[::2][::-1], s[-1:0:-1][::2])
def rev(s): return s[::-1]
def pal(s): s = "".join([c for c in s.lower() if c.isalnum()]); return s == rev(s)
print(pal("A man, a plan, a canal: Panama"), pal("hello"), [w for w in ["level", "abc", "noon"] if pal(w)])
def chunks(l, n): return [l[i:i + n] for i in range(0, len(l), n)]
print(chunks(list(range(10)), 3), chunks("abcdefg", 2), chunks((1, 2, 3), 5), chunks([], 2))
def rotate(l, k):
    k %= len(l)
    return l[-k:] + l[:-k]
print(rotate([1, 2, 3, 4, 5], 2), rotate([1, 2, 3], -1), rotate("abcd", 1), rotate((1, 2), 3))
def windows(s, n): return [s[i:i + n] for i in range(len(s) - n + 1)]
print(windows("banana", 3), set(windows("banana", 2)) == {"ba", "an", "na"}, len(set(windows("banana", 2))))
