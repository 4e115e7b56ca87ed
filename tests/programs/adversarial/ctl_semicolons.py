x = 1; y = 2; print(x + y);
if x: print('one'); print('two')
for i in range(2): print(i); print(-i)
while x < 3: x += 1; print('x', x)
def f(): return 7
print(f())
