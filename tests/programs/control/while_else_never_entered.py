x = 0
while x > 0:
    print('body')
else:
    print('else with no iterations')
