if 0:
    print('0 true')
else:
    print('0 false')
if -1:
    print('-1 true')
if 0.0:
    print('0.0 true')
else:
    print('0.0 false')
if 0.1:
    print('0.1 true')
if None:
    print('None true')
else:
    print('None false')
while 0:
    print('never')
print('end')
