for i in range(0):
    pass
print('loop done')
print(i)
