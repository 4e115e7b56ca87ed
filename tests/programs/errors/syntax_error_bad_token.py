print('this never prints')
x = 1 $ 2
