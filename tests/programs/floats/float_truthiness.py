print(0.0 or 'zero is falsy')
print(0.5 and 'half is truthy')
print(not 0.0, not -0.0, not 1e-300)
if -0.0:
    print('never')
else:
    print('-0.0 is falsy')
