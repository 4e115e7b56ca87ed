a = 1; b = 2; print(a + b)
x = 5; x += 1; print(x);
if a < b: print('lt'); print('still in if')
for i in range(2): print(i); print('body')
