x = 3
if x > 2: print('big')
else: print('small')
for i in range(3): print(i, end=',')
print()
while x > 0: x -= 1
print(x)
