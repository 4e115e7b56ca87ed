print(10 // 'x')
