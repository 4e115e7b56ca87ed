s = set(range(0, 100, 9))
out = []
while s:
    out.append(s.pop())
print(out)
s = {1, 2, 3}
print(s.pop())
s.add(1)
print(s.pop(), s.pop(), s)
s.clear()
print(s, len(s))
s.add(9)
s.add(1)
print(s.pop(), s)
t = set(range(20))
t.clear()
for i in range(30, 0, -3):
    t.add(i)
print(t, t.pop(), t)
