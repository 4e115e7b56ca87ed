x = {5, 13, 21, 29, 37, 45}
y = {13, 29, 100, 7}
print(x ^ y)
s = {1, 9, 17, 25}
s.remove(1); s.remove(9)
s.add(33)
print(s)
s.add(1)
print(s)
