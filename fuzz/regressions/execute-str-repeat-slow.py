for i in range(300):
  t = 'a' * 1000000
print('done')
