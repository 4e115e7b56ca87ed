x = 10
if x < 0:
    print('neg')
elif x == 0:
    print('zero')
print('after')
if x > 100:
    print('big')
