x = 1 + \
    2 + \
3
print(x)
if x == 6 and \
   x > 0:
    print('ok')
print(\
  'joined')
